import type { Redis } from 'ioredis';
import type {
  CallRecord,
  CallStore,
  StoredAnswer,
  TurnTicket,
} from './call-store.js';
import type { MemoryCallStore } from './memory-call-store.js';
import { RedisCallStore } from './redis-call-store.js';

export type RedisHealth = Readonly<{
  /** Redis stopped answering; called once per outage. */
  unavailable: (err: unknown) => void;
  /** Redis answers again after an outage. */
  recovered: () => void;
}>;

const UNAVAILABLE = Symbol('redis unavailable');

/**
 * Redis shared by every replica, with this process's memory behind it. Every
 * write goes to both, so while Redis is unreachable the webhook goes on with
 * what this process saw, and it returns to Redis as soon as it answers again.
 */
export class FailoverCallStore implements CallStore {
  readonly #shared: RedisCallStore;
  #down = false;
  #unavailableTotal = 0;

  constructor(
    readonly redis: Redis,
    readonly local: MemoryCallStore,
    readonly health: RedisHealth,
  ) {
    this.#shared = new RedisCallStore(redis);
    redis.on('error', (err: unknown) => this.#markDown(err));
    redis.on('ready', () => this.#markUp());
  }

  /** Store operations answered from memory because Redis was unreachable. */
  get unavailableTotal(): number {
    return this.#unavailableTotal;
  }

  get shared(): boolean {
    return !this.#down && this.redis.status === 'ready';
  }

  // A turn this process already saw stays a duplicate even when Redis,
  // restarted empty, would let it run again.
  async claimTurn(turnKey: string, ttlMs: number) {
    const local = await this.local.claimTurn(turnKey, ttlMs);
    const shared = await this.#try((s) => s.claimTurn(turnKey, ttlMs));
    return shared === UNAVAILABLE ? local : shared && local;
  }

  // An answer from either side beats a claim still pending on the other:
  // memory may know an answer Redis lost when it restarted empty.
  async answer(turnKey: string) {
    const shared = await this.#try((s) => s.answer(turnKey));
    const local = await this.local.answer(turnKey);
    if (isAnswer(shared)) return shared;
    if (isAnswer(local)) return local;

    return shared === 'pending' || local === 'pending' ? 'pending' : undefined;
  }

  async saveAnswer(turnKey: string, answer: StoredAnswer, ttlMs: number) {
    await this.local.saveAnswer(turnKey, answer, ttlMs);
    await this.#try((s) => s.saveAnswer(turnKey, answer, ttlMs));
  }

  async tryAcquire(callId: string, ticket: TurnTicket, ttlMs: number) {
    const shared = await this.#try((s) => s.tryAcquire(callId, ticket, ttlMs));
    if (shared !== UNAVAILABLE) return shared;

    return this.local.tryAcquire(callId, ticket, ttlMs);
  }

  async leave(callId: string, ticket: TurnTicket) {
    await this.local.leave(callId, ticket);
    await this.#try((s) => s.leave(callId, ticket));
  }

  async release(callId: string, token: string) {
    await this.local.release(callId, token);
    await this.#try((s) => s.release(callId, token));
  }

  // The newer of the two: Redis may have lost its data, or hold a record
  // another replica wrote after this process's last one.
  async record(callId: string) {
    const local = await this.local.record(callId);
    const shared = await this.#try((s) => s.record(callId));
    if (shared === UNAVAILABLE || shared === undefined) return local;
    if (local === undefined) return shared;

    return shared.updatedAt >= local.updatedAt ? shared : local;
  }

  async saveRecord(
    callId: string,
    token: string,
    record: CallRecord,
    ttlMs: number,
  ) {
    const local = await this.local.saveRecord(callId, token, record, ttlMs);
    const shared = await this.#try((s) =>
      s.saveRecord(callId, token, record, ttlMs),
    );
    return shared === UNAVAILABLE ? local : shared;
  }

  async close() {
    await this.#shared.close();
    await this.local.close();
  }

  async #try<T>(
    operation: (store: RedisCallStore) => Promise<T>,
  ): Promise<T | typeof UNAVAILABLE> {
    if (this.redis.status !== 'ready') {
      this.#markDown(new Error(`redis connection is ${this.redis.status}`));
      this.#unavailableTotal++;
      return UNAVAILABLE;
    }

    try {
      const result = await operation(this.#shared);
      this.#markUp();
      return result;
    } catch (error: unknown) {
      this.#markDown(error);
      this.#unavailableTotal++;
      return UNAVAILABLE;
    }
  }

  #markDown(err: unknown): void {
    if (this.#down) return;

    this.#down = true;
    this.health.unavailable(err);
  }

  #markUp(): void {
    if (!this.#down) return;

    this.#down = false;
    this.health.recovered();
  }
}

function isAnswer(value: unknown): value is StoredAnswer {
  return typeof value === 'object' && value !== null;
}
