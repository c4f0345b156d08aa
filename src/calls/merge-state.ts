import { isDeepStrictEqual } from 'node:util';
import type { State } from '../assistants/tool.js';
import { setKey } from '../turn/state-ledger.js';
import type { CallRecord } from './call-store.js';

/**
 * The state a turn starts from. The platform sends the state it had, which is
 * stale when an earlier turn of the call was still running, so per key:
 * a key the webhook changed earlier in the call (a tool or the model set or
 * removed it) takes the stored value, or stays removed; any other key takes
 * the platform's value; a key only the stored state has is kept.
 */
export function mergeState(
  record: CallRecord | undefined,
  incoming: State,
): State {
  if (!record) return incoming;

  const owned = new Set(record.owned);
  const merged: State = { ...incoming };

  for (const [key, value] of Object.entries(record.state)) {
    if (owned.has(key) || !Object.hasOwn(incoming, key)) {
      setKey(merged, key, value);
    }
  }
  for (const key of owned) {
    if (!Object.hasOwn(record.state, key)) delete merged[key];
  }

  return merged;
}

/** The keys whose value differs between two states, removed ones included. */
export function changedKeys(before: State, after: State): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);

  return [...keys].filter(
    (key) =>
      Object.hasOwn(before, key) !== Object.hasOwn(after, key) ||
      !isDeepStrictEqual(before[key], after[key]),
  );
}
