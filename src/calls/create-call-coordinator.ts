import { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import { CallCoordinator } from './call-coordinator.js';
import { FailoverCallStore } from './failover-call-store.js';
import { MemoryCallStore } from './memory-call-store.js';

// Short enough that an unreachable Redis costs a turn little of its budget;
// without an offline queue, commands fail at once while it is disconnected.
const REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 500,
  connectTimeout: 1000,
  retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
};

/**
 * The coordinator the configuration asks for: this process's memory, or
 * Redis (with memory behind it) when `REDIS_URL` is set.
 */
export function createCallCoordinator(
  config: Config['calls'],
  log: Logger,
): CallCoordinator {
  const options = { ttlMs: config.ttlSeconds * 1000 };
  const memory = new MemoryCallStore({ max: config.memoryMax });
  if (!config.redisUrl) return new CallCoordinator(memory, options);

  const redis = new Redis(config.redisUrl, REDIS_OPTIONS);
  const store = new FailoverCallStore(redis, memory, {
    unavailable: (err) => logEvents.redisUnavailable(log, err),
    recovered: () => logEvents.redisRecovered(log),
  });
  return new CallCoordinator(store, options);
}
