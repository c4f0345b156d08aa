import { setTimeout as sleep } from 'node:timers/promises';
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { TurnBudget } from './turn-budget.js';
import { TurnFailure } from './turn-failure.js';

const MAX_ATTEMPTS = 3;
const FIRST_BACKOFF_MS = 100;
// A retry that leaves less than this for the model to answer is not worth it.
const MIN_TIME_FOR_ANSWER_MS = 200;

/**
 * Runs one model request with retries that fit the budget. The SDK's own
 * retries are switched off because they sleep as long as `Retry-After` says,
 * deaf to the abort signal, which could outlast the platform's 10 seconds.
 */
export async function withModelRetry<T>(
  budget: TurnBudget,
  request: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error: unknown) {
      const waitMs = retryDelayMs(error, attempt);
      if (waitMs === undefined || attempt >= MAX_ATTEMPTS) {
        throw toModelFailure(error, budget);
      }

      const fits = waitMs + MIN_TIME_FOR_ANSWER_MS < budget.remainingMs();
      if (!fits) throw toModelFailure(error, budget, waitMs);

      await sleep(waitMs, undefined, { signal: budget.signal });
    }
  }
}

function retryDelayMs(error: unknown, attempt: number): number | undefined {
  if (error instanceof APIUserAbortError) return undefined;

  const transient =
    error instanceof APIConnectionError ||
    (error instanceof APIError && isTransientStatus(error.status));
  if (!transient) return undefined;

  const asked =
    error instanceof APIError ? retryAfterMs(error.headers) : undefined;
  const backoff = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
  return asked ?? backoff * (0.75 + Math.random() / 2);
}

function isTransientStatus(status: number | undefined): boolean {
  return (
    status === 408 || status === 409 || status === 429 || (status ?? 0) >= 500
  );
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return Math.max(0, ms);

  const value = headers?.get('retry-after');
  if (!value) return undefined;

  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);

  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function toModelFailure(
  error: unknown,
  budget: TurnBudget,
  waitMs?: number,
): TurnFailure {
  if (budget.signal.aborted || error instanceof APIUserAbortError) {
    return new TurnFailure('budget', 'the budget ran out during a model call');
  }

  // The provider's code (context_length_exceeded, say) tells the reader of
  // the log what to fix, where the status alone does not.
  const status =
    error instanceof APIError && error.status
      ? `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`
      : '';
  const what =
    status || (error instanceof Error ? error.constructor.name : 'error');
  const wait =
    waitMs === undefined
      ? ''
      : ` (a retry after ${Math.round(waitMs)} ms would not fit the ` +
        `${Math.round(budget.remainingMs())} ms left)`;

  return new TurnFailure(
    'model_error',
    `model request failed: ${what}${wait}`,
    {
      cause: error,
    },
  );
}
