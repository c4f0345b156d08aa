import type { State } from '../assistants/tool.js';

/** A tool's change to the state: keys to set and keys to remove. */
export type StatePatch = Readonly<{
  set: State;
  remove: readonly string[];
}>;

/**
 * The incoming state plus the patches of every tool call that completed, in
 * the order the model made the calls. A fallback reads it too, so a side
 * effect that already happened is never dropped from the answer.
 */
export class StateLedger {
  readonly #incoming: State;
  readonly #patches: Array<{ order: number; patch: StatePatch }> = [];

  constructor(incoming: State) {
    this.#incoming = incoming;
  }

  record(order: number, patch: StatePatch): void {
    this.#patches.push({ order, patch });
  }

  current(): State {
    const ordered = [...this.#patches].sort((a, b) => a.order - b.order);
    const state: State = { ...this.#incoming };

    for (const { patch } of ordered) {
      for (const key of patch.remove) delete state[key];
      for (const [key, value] of Object.entries(patch.set)) {
        setKey(state, key, value);
      }
    }

    return state;
  }
}

/**
 * The model's patch: a null value leaves its key as it is. The output schema
 * already limited the keys to the ones the model may write.
 */
export function applyModelPatch(
  state: State,
  modelState: Readonly<Record<string, unknown>>,
): State {
  const next: State = { ...state };

  for (const [key, value] of Object.entries(modelState)) {
    if (value !== null && value !== undefined) {
      setKey(next, key, value as State[string]);
    }
  }

  return next;
}

/**
 * Sets one state key. A plain assignment to a key named `__proto__` would
 * change the object's prototype instead; state keys come from outside.
 */
export function setKey(state: State, key: string, value: State[string]): void {
  Object.defineProperty(state, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
