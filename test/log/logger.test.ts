import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { captureLogLines } from '../support/log-capture.js';

function captured(level: string) {
  const { sink, lines } = captureLogLines();
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
