import type { State } from '../assistants/tool.js';

/** What a turn answered, kept so a duplicate delivery gets the same. */
export type StoredAnswer = Readonly<{ reply?: string; state: State }>;

/**
 * The latest state of a call, the keys the webhook itself changed during the
 * call (set or removed), and when the record was written (epoch ms).
 */
export type CallRecord = Readonly<{
  state: State;
  owned: readonly string[];
  timestamp: string;
  updatedAt: number;
}>;

/**
 * A turn waiting for its call. `order` is its utterance time (epoch ms): the
 * lowest goes first. `expiresAt` (epoch ms) drops a waiter whose process died.
 */
export type TurnTicket = Readonly<{
  id: string;
  order: number;
  expiresAt: number;
}>;

/**
 * Where the per-call facts live: one process's memory, or Redis shared by
 * every replica. Every entry carries an expiry; nothing grows without bound.
 */
export interface CallStore {
  /** Marks a turn as running; false when another delivery claimed it first. */
  claimTurn(turnKey: string, ttlMs: number): Promise<boolean>;
  /** The answer of a turn, `'pending'` while it runs, or nothing. */
  answer(turnKey: string): Promise<StoredAnswer | 'pending' | undefined>;
  saveAnswer(
    turnKey: string,
    answer: StoredAnswer,
    ttlMs: number,
  ): Promise<void>;

  /**
   * Joins the call's queue (once) and takes the call's lock, with the ticket's
   * id as token, when the ticket is first in the queue and the lock is free.
   */
  tryAcquire(
    callId: string,
    ticket: TurnTicket,
    ttlMs: number,
  ): Promise<boolean>;
  /** Leaves the queue without taking the lock. */
  leave(callId: string, ticket: TurnTicket): Promise<void>;
  /** Frees the lock, only when `token` still holds it. */
  release(callId: string, token: string): Promise<void>;

  record(callId: string): Promise<CallRecord | undefined>;
  /** Writes the record only while `token` holds the lock; false otherwise. */
  saveRecord(
    callId: string,
    token: string,
    record: CallRecord,
    ttlMs: number,
  ): Promise<boolean>;

  close(): Promise<void>;

  /** Operations a shared store answered from memory while it was down. */
  readonly unavailableTotal?: number;
  /** Whether a store shared by replicas answers right now. */
  readonly shared?: boolean;
}
