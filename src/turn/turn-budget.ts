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
    this.deadline = startedAt + ms;
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
