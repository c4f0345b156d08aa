import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';

function captured(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level }, sink), lines };
}

describe('createLogger', () => {
  it('drops lines below the configured level', () => {
    const { log, lines } = captured('warn');

    log.info({}, 'turn answered');
    log.warn({ tool: 'echo' }, 'tool call failed');

    expect(lines).toEqual([
      {
        level: 40,
        time: expect.any(Number),
        tool: 'echo',
        msg: 'tool call failed',
      },
    ]);
  });

  it('redacts an api key wherever a line carries it', () => {
    const { log, lines } = captured('info');

    log.info({ config: { openai: { apiKey: 'sk-live-1' } } }, 'started');

    expect(JSON.stringify(lines)).not.toContain('sk-live-1');
  });
});
