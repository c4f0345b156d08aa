import { describe, expect, it } from 'vitest';
import { MemoryCallStore } from '../../src/calls/memory-call-store.js';

const ANSWER = { reply: 'Hi.', state: {} };
const record = (n: number) => ({
  state: { n },
  owned: [],
  timestamp: '2024-01-15T10:30:00Z',
  updatedAt: n,
});
const ticket = (id: string, order: number) => ({
  id,
  order,
  expiresAt: Date.now() + 60_000,
});

describe('MemoryCallStore', () => {
  it('forgets an answer once its time to live has passed', async () => {
    const store = new MemoryCallStore({ max: 10 });
    await store.saveAnswer('turn', ANSWER, 30);

    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(await store.answer('turn')).toBeUndefined();
  });

  it('keeps no more call records than its maximum', async () => {
    const store = new MemoryCallStore({ max: 2 });

    for (const n of [1, 2, 3]) {
      await store.saveRecord(`call_${n}`, 'token', record(n), 60_000);
    }

    expect(await store.record('call_1')).toBeUndefined();
    expect(await store.record('call_3')).toEqual(record(3));
  });

  it('gives a freed lock to the earliest utterance waiting', async () => {
    const store = new MemoryCallStore({ max: 10 });
    await store.tryAcquire('call', ticket('holder', 500), 60_000);
    const later = ticket('later', 3000);
    const earlier = ticket('earlier', 1000);
    await store.tryAcquire('call', later, 60_000);
    await store.tryAcquire('call', earlier, 60_000);

    await store.release('call', 'holder');

    expect(await store.tryAcquire('call', later, 60_000)).toBe(false);
    expect(await store.tryAcquire('call', earlier, 60_000)).toBe(true);
  });

  it('refuses a record from a turn whose lock another turn now holds', async () => {
    const store = new MemoryCallStore({ max: 10 });
    await store.tryAcquire('call', ticket('holder', 1), 60_000);

    const saved = await store.saveRecord('call', 'stale', record(1), 60_000);

    expect(saved).toBe(false);
    expect(await store.record('call')).toBeUndefined();
  });

  it('lets the lock go when its holder disappears past its expiry', async () => {
    const store = new MemoryCallStore({ max: 10 });
    await store.tryAcquire('call', ticket('crashed', 1), 20);

    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(await store.tryAcquire('call', ticket('next', 2), 60_000)).toBe(
      true,
    );
  });
});
