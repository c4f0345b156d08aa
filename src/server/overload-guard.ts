import type { Assistant } from '../assistants/assistant.js';
import type { TurnInput, TurnResult } from '../turn/turn-types.js';

/**
 * Caps the turns running at once. Past the cap a turn is not queued: a late
 * answer is no answer for the platform, so it gets the state at once and the
 * call goes on without the webhook's input.
 */
export class OverloadGuard {
  #inFlight = 0;

  constructor(readonly maxTurnsInFlight: number) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  /** A release function when the turn may run, undefined when it may not. */
  tryEnter(): (() => void) | undefined {
    if (this.#inFlight >= this.maxTurnsInFlight) return undefined;

    this.#inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight -= 1;
    };
  }
}

/** The answer of a turn refused for overload: the state, and why, logged. */
export function overloadResult(
  input: TurnInput,
  assistant: Assistant,
  guard: OverloadGuard,
  startedAt: number,
): TurnResult {
  return {
    state: input.state,
    summary: {
      assistant: assistant.id,
      durationMs: Math.round(performance.now() - startedAt),
      steps: 0,
      modelCalls: [],
      toolCalls: [],
      replied: false,
      fallback: {
        reason: 'overload',
        detail: `${guard.inFlight} turns in flight, the limit is ${guard.maxTurnsInFlight}`,
      },
    },
  };
}
