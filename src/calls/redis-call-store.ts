import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  CallRecord,
  CallStore,
  StoredAnswer,
  TurnTicket,
} from './call-store.js';

const PENDING = 'pending';

// Joins the queue (sorted by utterance time), drops waiters whose process
// died, then takes the lock if this ticket is first and the lock is free.
// KEYS: queue, lock. ARGV: member, order, now, token, ttl.
const ACQUIRE = `
local now = tonumber(ARGV[3])
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local expires = tonumber(string.match(member, '^(%d+):'))
  if expires and expires <= now then redis.call('ZREM', KEYS[1], member) end
end
redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if redis.call('ZRANGE', KEYS[1], 0, 0)[1] ~= ARGV[1] then return 0 end
if not redis.call('SET', KEYS[2], ARGV[4], 'NX', 'PX', ARGV[5]) then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
return 1`;

// KEYS: lock. ARGV: token.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// The fencing check: a turn whose lock expired cannot overwrite the state a
// later turn wrote. KEYS: lock, record. ARGV: token, record, ttl.
const SAVE_RECORD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1`;

/**
 * The per-call facts in Redis, shared by every replica. A call's lock, queue
 * and record share a hash tag, so the scripts that touch them together also
 * run on a Redis cluster.
 */
export class RedisCallStore implements CallStore {
  constructor(
    readonly redis: Redis,
    readonly prefix = 'aployee:',
  ) {}

  async claimTurn(turnKey: string, ttlMs: number): Promise<boolean> {
    const set = await this.redis.set(
      this.#turn(turnKey),
      PENDING,
      'PX',
      ttlMs,
      'NX',
    );
    return set === 'OK';
  }

  async answer(turnKey: string) {
    const raw = await this.redis.get(this.#turn(turnKey));
    if (raw === null) return undefined;
    if (raw === PENDING) return PENDING;

    return JSON.parse(raw) as StoredAnswer;
  }

  async saveAnswer(turnKey: string, answer: StoredAnswer, ttlMs: number) {
    const value = JSON.stringify(answer);
    await this.redis.set(this.#turn(turnKey), value, 'PX', ttlMs);
  }

  async tryAcquire(callId: string, ticket: TurnTicket, ttlMs: number) {
    const acquired = await this.redis.eval(
      ACQUIRE,
      2,
      this.#call(callId, 'queue'),
      this.#call(callId, 'lock'),
      member(ticket),
      ticket.order,
      Date.now(),
      ticket.id,
      ttlMs,
    );
    return acquired === 1;
  }

  async leave(callId: string, ticket: TurnTicket) {
    await this.redis.zrem(this.#call(callId, 'queue'), member(ticket));
  }

  async release(callId: string, token: string) {
    await this.redis.eval(RELEASE, 1, this.#call(callId, 'lock'), token);
  }

  async record(callId: string) {
    const raw = await this.redis.get(this.#call(callId, 'record'));
    return raw === null ? undefined : (JSON.parse(raw) as CallRecord);
  }

  async saveRecord(
    callId: string,
    token: string,
    record: CallRecord,
    ttlMs: number,
  ) {
    const saved = await this.redis.eval(
      SAVE_RECORD,
      2,
      this.#call(callId, 'lock'),
      this.#call(callId, 'record'),
      token,
      JSON.stringify(record),
      ttlMs,
    );
    return saved === 1;
  }

  async close() {
    this.redis.disconnect();
  }

  #call(callId: string, part: string): string {
    return `${this.prefix}call:{${hashOf(callId)}}:${part}`;
  }

  // A turn key is already a hash of its call id, time and utterance.
  #turn(turnKey: string): string {
    return `${this.prefix}turn:${turnKey}`;
  }
}

// Call ids come from outside: hashing keeps keys short and free of braces.
function hashOf(callId: string): string {
  return createHash('sha256').update(callId).digest('hex').slice(0, 32);
}

function member(ticket: TurnTicket): string {
  return `${ticket.expiresAt}:${ticket.id}`;
}
