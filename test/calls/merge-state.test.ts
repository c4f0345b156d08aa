import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/calls/call-store.js';
import { changedKeys, mergeState } from '../../src/calls/merge-state.js';

function recordOf(
  state: CallRecord['state'],
  owned: readonly string[],
): CallRecord {
  return { state, owned, timestamp: '2024-01-15T10:30:00Z', updatedAt: 1 };
}

describe('mergeState', () => {
  it('starts from the platform state when the call has no record', () => {
    expect(mergeState(undefined, { topic: 'balance' })).toEqual({
      topic: 'balance',
    });
  });

  it('keeps a key the webhook set even when the platform sent it stale', () => {
    const record = recordOf({ authenticated: true, userId: 'u1' }, [
      'authenticated',
      'userId',
    ]);

    expect(mergeState(record, { authenticated: false })).toEqual({
      authenticated: true,
      userId: 'u1',
    });
  });

  it('keeps a key the webhook removed removed, whatever the platform sent', () => {
    const record = recordOf({ lastTransfer: 't1' }, [
      'pendingTransfer',
      'lastTransfer',
    ]);

    const merged = mergeState(record, { pendingTransfer: { id: 't1' } });

    expect(merged).toEqual({ lastTransfer: 't1' });
  });

  it('takes the platform value of a key the webhook never changed', () => {
    const record = recordOf({ language: 'en', topic: 'balance' }, ['topic']);

    const merged = mergeState(record, { language: 'de', topic: null });

    expect(merged).toEqual({ language: 'de', topic: 'balance' });
  });

  it('keeps a key only the stored state has', () => {
    const record = recordOf({ campaign: 'spring' }, []);

    expect(mergeState(record, { topic: 'x' })).toEqual({
      campaign: 'spring',
      topic: 'x',
    });
  });

  it('adds a stored key named __proto__ as a plain key', () => {
    const stored = JSON.parse('{"__proto__": {"polluted": true}}');
    const record = recordOf(stored, ['__proto__']);

    const merged = mergeState(record, {});

    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('changedKeys', () => {
  it('names keys set, changed and removed, and not equal ones', () => {
    const before = { same: { a: 1 }, changed: 1, removed: true };
    const after = { same: { a: 1 }, changed: 2, added: 'x' };

    expect(changedKeys(before, after).sort()).toEqual([
      'added',
      'changed',
      'removed',
    ]);
  });
});
