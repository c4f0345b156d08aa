import { DEFAULTS } from '../config/config.js';
import { CallCoordinator } from './call-coordinator.js';
import { MemoryCallStore } from './memory-call-store.js';

/** A coordinator over this process's memory, with the default limits. */
export function memoryCallCoordinator(): CallCoordinator {
  return new CallCoordinator(
    new MemoryCallStore({ max: DEFAULTS.callsInMemoryMax }),
    { ttlMs: DEFAULTS.callTtlSeconds * 1000 },
  );
}
