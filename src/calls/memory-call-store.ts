import { LRUCache } from 'lru-cache';
import type {
  CallRecord,
  CallStore,
  StoredAnswer,
  TurnTicket,
} from './call-store.js';

type Lock = { token: string; expiresAt: number };

/**
 * The per-call facts in this process's memory. Answers and records expire
 * after their time to live and the least recently used go first past `max`;
 * locks and queues exist only while turns wait or run.
 */
export class MemoryCallStore implements CallStore {
  readonly #turns: LRUCache<string, StoredAnswer | 'pending'>;
  readonly #records: LRUCache<string, CallRecord>;
  readonly #locks = new Map<string, Lock>();
  readonly #queues = new Map<string, TurnTicket[]>();

  constructor(options: Readonly<{ max: number }>) {
    this.#turns = new LRUCache({ max: options.max });
    this.#records = new LRUCache({ max: options.max });
  }

  async claimTurn(turnKey: string, ttlMs: number): Promise<boolean> {
    if (this.#turns.has(turnKey)) return false;

    this.#turns.set(turnKey, 'pending', { ttl: ttlMs });
    return true;
  }

  async answer(turnKey: string) {
    return this.#turns.get(turnKey);
  }

  async saveAnswer(turnKey: string, answer: StoredAnswer, ttlMs: number) {
    this.#turns.set(turnKey, answer, { ttl: ttlMs });
  }

  async tryAcquire(callId: string, ticket: TurnTicket, ttlMs: number) {
    const now = Date.now();
    const queue = this.#queue(callId, now);
    if (!queue.some((waiting) => waiting.id === ticket.id)) {
      queue.push(ticket);
      queue.sort(byOrder);
    }

    const lock = this.#locks.get(callId);
    const free = !lock || lock.expiresAt <= now;
    if (!free || queue[0]?.id !== ticket.id) return false;

    queue.shift();
    if (queue.length === 0) this.#queues.delete(callId);
    this.#locks.set(callId, { token: ticket.id, expiresAt: now + ttlMs });
    return true;
  }

  async leave(callId: string, ticket: TurnTicket) {
    const queue = this.#queues.get(callId);
    if (!queue) return;

    const rest = queue.filter((waiting) => waiting.id !== ticket.id);
    if (rest.length > 0) this.#queues.set(callId, rest);
    else this.#queues.delete(callId);
  }

  async release(callId: string, token: string) {
    if (this.#locks.get(callId)?.token === token) this.#locks.delete(callId);
  }

  async record(callId: string) {
    return this.#records.get(callId);
  }

  // Also used as a mirror of a shared store, whose lock this process never
  // holds here: a free lock lets the write through, another holder does not.
  async saveRecord(
    callId: string,
    token: string,
    record: CallRecord,
    ttlMs: number,
  ) {
    const lock = this.#locks.get(callId);
    if (lock && lock.expiresAt > Date.now() && lock.token !== token) {
      return false;
    }

    this.#records.set(callId, record, { ttl: ttlMs });
    return true;
  }

  async close() {
    this.#turns.clear();
    this.#records.clear();
  }

  // Drops waiters whose deadline passed, so a lost one cannot block the call.
  #queue(callId: string, now: number): TurnTicket[] {
    const live = (this.#queues.get(callId) ?? []).filter(
      (waiting) => waiting.expiresAt > now,
    );
    this.#queues.set(callId, live);
    return live;
  }
}

function byOrder(a: TurnTicket, b: TurnTicket): number {
  return a.order - b.order || a.expiresAt - b.expiresAt;
}
