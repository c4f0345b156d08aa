import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TurnInput, TurnResult } from '../turn/turn-types.js';
import type { CallRecord, CallStore, StoredAnswer } from './call-store.js';
import { changedKeys, mergeState } from './merge-state.js';
import { turnKey } from './turn-key.js';

// A lock outlives its turn's budget by this much, so it never expires while
// the turn still runs; a crashed process's lock frees itself after it.
const LOCK_SLACK_MS = 2000;
const POLL_MS = 20;

/** How a turn was answered: it ran, or it got another delivery's answer. */
export type CoordinatedTurn =
  | Readonly<{
      kind: 'ran';
      result: TurnResult;
      waitedMs: number;
      /** False when the lock expired first and a later turn owns the call. */
      stateSaved: boolean;
    }>
  | Readonly<{ kind: 'duplicate'; answer: StoredAnswer }>
  | Readonly<{
      kind: 'gave_up';
      answer: StoredAnswer;
      waitingFor: 'first_delivery' | 'earlier_turn';
    }>;

export type CoordinatorOptions = Readonly<{
  /** How long a call's state and answers are kept after its last turn. */
  ttlMs: number;
}>;

/** When the turn must be answered, as `performance.now()` counts. */
export type TurnDeadline = Readonly<{ deadline: number }>;

/**
 * Runs the turns of each call one at a time, in utterance order, each from
 * the state the earlier one left; answers a duplicate delivery with the
 * first delivery's answer. Waiting counts against the turn's own budget.
 */
export class CallCoordinator {
  constructor(
    readonly store: CallStore,
    readonly options: CoordinatorOptions,
  ) {}

  async handle(
    input: TurnInput,
    { deadline }: TurnDeadline,
    run: (input: TurnInput) => Promise<TurnResult>,
  ): Promise<CoordinatedTurn> {
    const key = turnKey(input);
    const claimTtl = remaining(deadline) + LOCK_SLACK_MS;
    if (!(await this.store.claimTurn(key, claimTtl))) {
      return this.#awaitFirst(key, input, deadline);
    }

    const started = performance.now();
    const ticket = {
      id: randomUUID(),
      order: Date.parse(input.timestamp),
      expiresAt: Date.now() + claimTtl,
    };
    if (!(await this.#awaitTurnOf(input.callId, ticket, deadline))) {
      await this.store.leave(input.callId, ticket);
      const answer = await this.#fallback(input);
      await this.store.saveAnswer(key, answer, this.options.ttlMs);
      return { kind: 'gave_up', answer, waitingFor: 'earlier_turn' };
    }

    try {
      const waitedMs = Math.round(performance.now() - started);
      const { result, stateSaved } = await this.#runInTurn(
        input,
        ticket.id,
        run,
      );
      await this.store.saveAnswer(key, answerOf(result), this.options.ttlMs);
      return { kind: 'ran', result, waitedMs, stateSaved };
    } finally {
      await this.store.release(input.callId, ticket.id);
    }
  }

  /**
   * For metrics: store operations answered from memory because Redis was
   * unreachable, and whether the shared store answers now.
   */
  stats(): Readonly<{ redisUnavailableTotal: number; redisUp: boolean }> {
    return {
      redisUnavailableTotal: this.store.unavailableTotal ?? 0,
      redisUp: this.store.shared === true,
    };
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  async #runInTurn(
    input: TurnInput,
    token: string,
    run: (input: TurnInput) => Promise<TurnResult>,
  ): Promise<{ result: TurnResult; stateSaved: boolean }> {
    const record = await this.store.record(input.callId);
    const state = mergeState(record, input.state);

    const result = await run({ ...input, state });

    const owned = new Set([
      ...(record?.owned ?? []),
      ...changedKeys(state, result.state),
    ]);
    const next: CallRecord = {
      state: result.state,
      owned: [...owned],
      timestamp: input.timestamp,
      updatedAt: Date.now(),
    };
    const { ttlMs } = this.options;
    const stateSaved = await this.store.saveRecord(
      input.callId,
      token,
      next,
      ttlMs,
    );
    return { result, stateSaved };
  }

  async #awaitTurnOf(
    callId: string,
    ticket: Parameters<CallStore['tryAcquire']>[1],
    deadline: number,
  ): Promise<boolean> {
    for (;;) {
      const ttl = remaining(deadline) + LOCK_SLACK_MS;
      if (await this.store.tryAcquire(callId, ticket, ttl)) return true;
      if (remaining(deadline) <= POLL_MS) return false;

      await sleep(POLL_MS);
    }
  }

  async #awaitFirst(
    key: string,
    input: TurnInput,
    deadline: number,
  ): Promise<CoordinatedTurn> {
    for (;;) {
      const answer = await this.store.answer(key);
      if (answer !== undefined && answer !== 'pending') {
        return { kind: 'duplicate', answer };
      }
      if (answer === undefined || remaining(deadline) <= POLL_MS) {
        const fallback = await this.#fallback(input);
        return {
          kind: 'gave_up',
          answer: fallback,
          waitingFor: 'first_delivery',
        };
      }

      await sleep(POLL_MS);
    }
  }

  // The state the next turn would start from: nothing the caller sent and
  // no effect of an earlier turn is lost, even without running this one.
  async #fallback(input: TurnInput): Promise<StoredAnswer> {
    const record = await this.store.record(input.callId);
    return { state: mergeState(record, input.state) };
  }
}

// Whole milliseconds: Redis takes expiries as integers only.
function remaining(deadline: number): number {
  return Math.max(0, Math.ceil(deadline - performance.now()));
}

function answerOf(result: TurnResult): StoredAnswer {
  return result.reply === undefined
    ? { state: result.state }
    : { reply: result.reply, state: result.state };
}
