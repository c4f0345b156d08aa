import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freePort,
  killProcesses,
  runProcess,
  waitForListening,
} from '../support/server-process.js';

afterAll(() => killProcesses());

describe('a .env file', () => {
  it('configures the server started in its folder', async () => {
    const port = await freePort();
    const folder = mkdtempSync(join(tmpdir(), 'webhook-env-'));
    writeFileSync(
      join(folder, '.env'),
      [
        `PORT=${port}`,
        'OPENAI_BASE_URL=http://127.0.0.1:9/v1',
        'BANK_DB=:memory:',
        `BANK_SEED=${resolve('tools/banking/demo-seed.json')}`,
        `PROMPTS_DIR=${resolve('prompts')}`,
        'LOG_LEVEL=debug',
      ].join('\n'),
    );

    // Only PATH and HOME come from here: everything else is in the file.
    const server = runProcess(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), resolve('src/main.ts')],
      {},
      folder,
    );
    await waitForListening(server);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    server.signal('SIGTERM');

    expect(health.status).toBe(200);
    expect(server.output()).toContain('"msg":"environment file read"');
    expect(await server.exited).toBe(0);
  }, 60_000);
});
