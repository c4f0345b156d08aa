import { describe, expect, it } from 'vitest';
import { SeenWebhookIds } from '../../src/server/seen-webhook-ids.js';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SeenWebhookIds', () => {
  it('refuses an id it already remembers', () => {
    const seen = new SeenWebhookIds(1000, 10);

    expect(seen.remember('msg_1')).toBe(true);
    expect(seen.remember('msg_1')).toBe(false);
  });

  it('forgets an id once its time is up', () => {
    const time = clock();
    const seen = new SeenWebhookIds(1000, 10, time.now);
    seen.remember('msg_1');

    time.advance(1000);

    expect(seen.has('msg_1')).toBe(false);
    expect(seen.size).toBe(0);
  });

  it('keeps an id until its time is up', () => {
    const time = clock();
    const seen = new SeenWebhookIds(1000, 10, time.now);
    seen.remember('msg_1');

    time.advance(999);

    expect(seen.has('msg_1')).toBe(true);
  });

  it('never holds more than its maximum, forgetting the oldest first', () => {
    const seen = new SeenWebhookIds(60_000, 3);

    for (const id of ['a', 'b', 'c', 'd']) seen.remember(id);

    expect(seen.size).toBe(3);
    expect(seen.has('a')).toBe(false);
    expect(seen.has('d')).toBe(true);
  });
});
