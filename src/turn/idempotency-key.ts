import { createHash } from 'node:crypto';
import type { TurnInput } from './turn-types.js';

/**
 * Gives each tool call of a turn a key that is the same however often the
 * turn is delivered or retried: it comes from the turn (call, utterance time
 * and words), the tool, its arguments and how many identical calls came
 * before it in the turn. A model's tool call ids cannot serve: they change
 * from one model call to the next.
 */
export class IdempotencyKeys {
  readonly #turn: string;
  readonly #seen = new Map<string, number>();

  constructor(input: TurnInput) {
    this.#turn = JSON.stringify([
      input.callId,
      input.timestamp,
      input.utterance,
    ]);
  }

  /** The key of the next call of `tool` with these (parsed) arguments. */
  next(tool: string, args: unknown): string {
    const call = JSON.stringify([tool, canonical(args)]);
    const occurrence = (this.#seen.get(call) ?? 0) + 1;
    this.#seen.set(call, occurrence);

    const digest = createHash('sha256')
      .update(`${this.#turn}\n${call}\n${occurrence}`)
      .digest('base64url');
    return `idem_${digest.slice(0, 32)}`;
  }
}

// The same arguments in another key order are the same call.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;

  const entries = Object.entries(value).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return entries.map(([key, inner]) => [key, canonical(inner)]);
}
