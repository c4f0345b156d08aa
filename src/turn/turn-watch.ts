import type { TurnObserver } from './turn-observer.js';
import type { TurnInput, TurnResult } from './turn-types.js';

/**
 * What watches one whole turn from outside the engine: a recording, a test
 * harness. Like an observer it only looks; its failures never reach the
 * caller's answer.
 */
export type TurnWatch = Readonly<{
  observer?: TurnObserver;
  /** Runs the turn inside the watch's own async context, when it keeps one. */
  around?: <T>(turn: () => Promise<T>) => Promise<T>;
  finished?: (result: TurnResult) => void;
}>;

/** Starts watching a turn; called once per turn, before it runs. */
export type TurnWatcher = (input: TurnInput) => TurnWatch;

/**
 * Runs a turn under a watcher, if there is one. A watcher that throws is
 * ignored: the turn runs unwatched rather than failing.
 */
export async function runWatched(
  watcher: TurnWatcher | undefined,
  input: TurnInput,
  turn: (observer: TurnObserver) => Promise<TurnResult>,
): Promise<TurnResult> {
  const watch = startWatch(watcher, input);
  const run = () => turn(watch.observer ?? {});
  const result = await (watch.around ? watch.around(run) : run());

  try {
    watch.finished?.(result);
  } catch {
    // A broken watch must not cost the caller the answer.
  }
  return result;
}

function startWatch(
  watcher: TurnWatcher | undefined,
  input: TurnInput,
): TurnWatch {
  try {
    return watcher?.(input) ?? {};
  } catch {
    return {};
  }
}
