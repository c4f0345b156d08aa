// The answer still has to be saved, logged and written after the turn's work
// stops, and under load the timer that stops it fires late by as long as the
// event loop is busy (tens of milliseconds on a loaded machine). The work
// therefore stops this much before the budget ends: a tenth of the budget,
// at most 100 ms.
const ANSWER_RESERVE_MS = 100;

/**
 * When a turn's work must stop so that its answer is out within `budgetMs`
 * of `startedAt` (both as `performance.now()` counts).
 */
export function workDeadline(startedAt: number, budgetMs: number): number {
  return startedAt + budgetMs - Math.min(ANSWER_RESERVE_MS, budgetMs / 10);
}

/**
 * The time one turn may take, counted from when its request arrived. Aborting
 * its signal stops every model request and tool still in flight.
 */
export class TurnBudget {
  readonly deadline: number;
  readonly #controller = new AbortController();

  constructor(
    readonly ms: number,
    startedAt: number = performance.now(),
  ) {
    this.deadline = workDeadline(startedAt, ms);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  /** Ends everything still running under this budget. Safe to call twice. */
  release(reason: Error): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }
}
