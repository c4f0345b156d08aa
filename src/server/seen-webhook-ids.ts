/**
 * The `webhook-id`s accepted lately, so that a captured request replayed
 * within the signature's time window is refused. Entries expire after
 * `ttlMs`; past `maxEntries` the oldest are forgotten early, which keeps
 * memory bounded under a flood at the cost of a shorter replay window.
 *
 * It lives in this process only: with several replicas behind a load
 * balancer a replay can land on another one. Closing that needs a shared
 * store (Redis SET NX with the same expiry, say) behind the same two calls.
 */
export class SeenWebhookIds {
  // A Map iterates in insertion order, which here is also expiry order.
  readonly #expiries = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
    readonly now: () => number = Date.now,
  ) {}

  has(id: string): boolean {
    this.#expireOld();
    return this.#expiries.has(id);
  }

  /** Remembers an id; gives false when it was already there (a replay). */
  remember(id: string): boolean {
    if (this.has(id)) return false;

    this.#expiries.set(id, this.now() + this.ttlMs);
    if (this.#expiries.size > this.maxEntries) {
      const oldest = this.#expiries.keys().next().value;
      if (oldest !== undefined) this.#expiries.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.#expiries.size;
  }

  #expireOld(): void {
    const now = this.now();
    for (const [id, expiry] of this.#expiries) {
      if (expiry > now) return;
      this.#expiries.delete(id);
    }
  }
}
