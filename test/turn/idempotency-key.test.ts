import { describe, expect, it } from 'vitest';
import { IdempotencyKeys } from '../../src/turn/idempotency-key.js';
import type { TurnInput } from '../../src/turn/turn-types.js';

const TURN: TurnInput = {
  callId: 'call_1',
  assistantId: 'asst_1',
  utterance: 'Yes, send it.',
  state: {},
  context: [],
  timestamp: '2024-01-15T10:30:00Z',
};

describe('IdempotencyKeys', () => {
  it('gives the same key when the same turn is delivered again', () => {
    const first = new IdempotencyKeys(TURN).next('pay', { amount: 5 });
    const again = new IdempotencyKeys({ ...TURN, state: { late: true } }).next(
      'pay',
      { amount: 5 },
    );

    expect(again).toBe(first);
  });

  it('ignores the order of the argument keys', () => {
    const first = new IdempotencyKeys(TURN).next('pay', { a: 1, b: { c: 2 } });
    const again = new IdempotencyKeys(TURN).next('pay', { b: { c: 2 }, a: 1 });

    expect(again).toBe(first);
  });

  it('gives a second identical call of the turn a key of its own', () => {
    const keys = new IdempotencyKeys(TURN);

    const first = keys.next('pay', { amount: 5 });
    const second = keys.next('pay', { amount: 5 });

    expect(second).not.toBe(first);
  });

  it('gives different keys to different arguments, tools and turns', () => {
    const key = (input: TurnInput, tool: string, amount: number) =>
      new IdempotencyKeys(input).next(tool, { amount });
    const base = key(TURN, 'pay', 5);

    expect(key(TURN, 'pay', 6)).not.toBe(base);
    expect(key(TURN, 'refund', 5)).not.toBe(base);
    expect(
      key({ ...TURN, timestamp: '2024-01-15T10:31:00Z' }, 'pay', 5),
    ).not.toBe(base);
    expect(key({ ...TURN, callId: 'call_2' }, 'pay', 5)).not.toBe(base);
  });
});
