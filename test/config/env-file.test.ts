import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/config/env-file.js';

function envFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'env-file-')), '.env');
  writeFileSync(file, text);
  return file;
}

describe('loadEnvFile', () => {
  it('sets the variables the environment does not have', () => {
    const env: NodeJS.ProcessEnv = {};

    const set = loadEnvFile(
      envFile('PORT=8080\n# a comment\nLOG_LEVEL="debug"\n'),
      env,
    );

    expect(env).toEqual({ PORT: '8080', LOG_LEVEL: 'debug' });
    expect(set.sort()).toEqual(['LOG_LEVEL', 'PORT']);
  });

  it('never overrides a variable that is already set', () => {
    const env: NodeJS.ProcessEnv = { PORT: '3001' };

    loadEnvFile(envFile('PORT=8080\n'), env);

    expect(env.PORT).toBe('3001');
  });

  it('does nothing when there is no file', () => {
    const env: NodeJS.ProcessEnv = {};

    const set = loadEnvFile(join(tmpdir(), 'no-such-dir-env', '.env'), env);

    expect(set).toEqual([]);
    expect(env).toEqual({});
  });
});
