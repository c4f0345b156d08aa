import { describe, expect, it } from 'vitest';
import {
  assertModelReachable,
  ConfigError,
  loadConfig,
} from '../../src/config/config.js';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 3000,
      turnBudgetMs: 8000,
      bodyLimitBytes: 1024 * 1024,
      openai: { model: 'gpt-4o-mini' },
      bank: { db: 'data/bank.db', seed: 'tools/banking/demo-seed.json' },
      log: { level: 'info', content: false },
    });
  });

  it('reads each variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      TURN_BUDGET_MS: '2500',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_MODEL: 'llama3.1',
      BANK_DB: ':memory:',
      LOG_LEVEL: 'debug',
      LOG_CONTENT: 'true',
    });

    expect(config).toMatchObject({
      port: 8080,
      turnBudgetMs: 2500,
      openai: { baseURL: 'http://localhost:11434/v1', model: 'llama3.1' },
      bank: { db: ':memory:' },
      log: { level: 'debug', content: true },
    });
  });

  it('names every bad variable and its value', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', TURN_BUDGET_MS: '20000' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT="eighty"/);
    expect(attempt).toThrow(/TURN_BUDGET_MS="20000"/);
  });

  it('never repeats the api key in an error', () => {
    const attempt = () =>
      loadConfig({ OPENAI_API_KEY: 'sk-secret', OPENAI_BASE_URL: 'not a url' });

    expect(attempt).toThrow(/OPENAI_BASE_URL="not a url"/);
    expect(attempt).not.toThrow(/sk-secret/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('returns a frozen configuration', () => {
    const config = loadConfig({});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.openai)).toBe(true);
  });
});

describe('assertModelReachable', () => {
  it('says what to set when neither a key nor a base url is configured', () => {
    expect(() => assertModelReachable(loadConfig({}))).toThrow(
      /set OPENAI_API_KEY, or OPENAI_BASE_URL/,
    );
  });

  it('accepts a base url without a key', () => {
    expect(() =>
      assertModelReachable(
        loadConfig({ OPENAI_BASE_URL: 'http://localhost:8000/v1' }),
      ),
    ).not.toThrow();
  });
});
