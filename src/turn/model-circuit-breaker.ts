import type { Model } from './call-model.js';
import { TurnFailure } from './turn-failure.js';

export type BreakerOptions = Readonly<{
  /** Provider failures in a row that open the circuit. */
  failures: number;
  /** How long the circuit stays open before one probe may pass. */
  cooldownMs: number;
  now?: () => number;
}>;

export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * Stops sending turns to a provider that keeps failing. After `failures`
 * failures or timeouts in a row the circuit opens and every request is
 * refused at once; after the cool-down one probe is let through, and its
 * success closes the circuit again while its failure reopens it.
 */
export class ModelCircuitBreaker {
  readonly #options: BreakerOptions;
  readonly #now: () => number;
  #failuresInRow = 0;
  #openedAt: number | undefined;
  #probing = false;

  constructor(options: BreakerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';

    const cooled = this.#now() - this.#openedAt >= this.#options.cooldownMs;
    return cooled && !this.#probing ? 'half_open' : 'open';
  }

  /** Whether a request may go to the provider now; a probe counts as one. */
  admit(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open') return false;

    this.#probing = true;
    return true;
  }

  succeeded(): void {
    this.#failuresInRow = 0;
    this.#openedAt = undefined;
    this.#probing = false;
  }

  failed(): void {
    this.#failuresInRow += 1;
    const wasProbe = this.#probing;
    this.#probing = false;

    if (wasProbe || this.#failuresInRow >= this.#options.failures) {
      this.#openedAt = this.#now();
    }
  }

  /** Milliseconds until a probe may pass; 0 when it may now. */
  remainingCooldownMs(): number {
    if (this.#openedAt === undefined) return 0;
    const left = this.#openedAt + this.#options.cooldownMs - this.#now();
    return Math.max(0, Math.round(left));
  }
}

/**
 * The model behind a circuit breaker: while the circuit is open a call fails
 * at once with `model_error`, so the turn answers with the state without
 * waiting for a provider that is down.
 */
export function withCircuitBreaker(
  model: Model,
  breaker: ModelCircuitBreaker,
): Model {
  return {
    async call(request, budget) {
      if (!breaker.admit()) {
        throw new TurnFailure(
          'model_error',
          'circuit open: the model provider failed repeatedly; next try ' +
            `in ${breaker.remainingCooldownMs()} ms`,
        );
      }

      try {
        const response = await model.call(request, budget);
        breaker.succeeded();
        return response;
      } catch (error: unknown) {
        if (isProviderFault(error)) breaker.failed();
        else breaker.succeeded();
        throw error;
      }
    },
  };
}

// A provider that answered "your request is wrong" (400, 404, 422, a content
// filter) is up and well; only errors, overload and silence count against
// it. The status is read from the SDK error the failure carries as cause.
function isProviderFault(error: unknown): boolean {
  if (!(error instanceof TurnFailure)) return false;
  if (error.reason === 'budget') return true;
  if (error.reason !== 'model_error') return false;

  const cause: unknown = error.cause;
  const status =
    typeof cause === 'object' && cause !== null && 'status' in cause
      ? cause.status
      : undefined;
  if (typeof status !== 'number') return true;
  return status >= 500 || status === 408 || status === 429;
}
