import type { ToolOutcome } from '../../src/assistants/tool.js';

/**
 * A tool's answer when it will not do what was asked: a stable `error` code
 * for the model and a short sentence that can be spoken to the caller.
 */
export function refuse(
  error: string,
  message: string,
  remove?: readonly string[],
): ToolOutcome {
  const result = { error, message };
  return remove ? { result, remove } : { result };
}
