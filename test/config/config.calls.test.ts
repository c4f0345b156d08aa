import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('loadConfig: where calls are kept', () => {
  it('keeps calls in memory for 30 minutes by default', () => {
    expect(loadConfig({}).calls).toEqual({
      redisUrl: undefined,
      ttlSeconds: 1800,
      memoryMax: 10_000,
    });
  });

  it('reads the redis url, the time to live and the memory bound', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://cache:6379/2',
      CALL_TTL_SECONDS: '600',
      CALLS_IN_MEMORY_MAX: '500',
    });

    expect(config.calls).toEqual({
      redisUrl: 'redis://cache:6379/2',
      ttlSeconds: 600,
      memoryMax: 500,
    });
  });

  it('refuses a url that is not redis, without echoing it', () => {
    const load = () => loadConfig({ REDIS_URL: 'http://:hunter2@cache' });

    expect(load).toThrow(/REDIS_URL=\(hidden\): expected a redis:\/\/ URL/);
    expect(load).not.toThrow(/hunter2/);
  });

  it('refuses a time to live below ten seconds', () => {
    expect(() => loadConfig({ CALL_TTL_SECONDS: '5' })).toThrow(
      /CALL_TTL_SECONDS="5"/,
    );
  });
});
