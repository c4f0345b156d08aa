import type { RequestLimits } from '../config/config.js';
import type { ContextMessage, TurnInput } from '../turn/turn-types.js';
import { HttpError } from './http-error.js';

export type LimitedInput = Readonly<{
  input: TurnInput;
  /** Context entries left out because the context was over its size. */
  trimmed: number;
}>;

/**
 * Holds one request to the configured caps. The utterance and the state are
 * hard limits: over them the request is refused, naming the field, because
 * cutting either would change what the caller said or lose what the platform
 * keeps. The context is only advice, so it is trimmed, oldest first.
 */
export function applyRequestLimits(
  input: TurnInput,
  limits: RequestLimits,
): LimitedInput {
  if (input.utterance.length > limits.utteranceMaxChars) {
    throw tooLarge(
      'utterance',
      `expected \`utterance\` to have at most ${limits.utteranceMaxChars} ` +
        `characters, got ${input.utterance.length}`,
    );
  }
  assertStateFits(input.state, limits);

  const context = trimContext(input.context, limits.contextMaxChars);
  return {
    input: { ...input, context },
    trimmed: input.context.length - context.length,
  };
}

function assertStateFits(state: object, limits: RequestLimits): void {
  // Shape first: a deep value would make the size check itself recurse.
  const problem = shapeProblem(state, limits.stateMaxDepth);
  if (problem === 'too_deep') {
    throw new HttpError(
      400,
      'too_deep',
      `expected \`state\` to nest at most ${limits.stateMaxDepth} levels deep`,
      'state',
    );
  }
  if (problem) {
    throw new HttpError(
      400,
      'invalid_field',
      `expected \`${['state', ...problem].join('.')}\` to be a number JSON ` +
        'can carry back; it is beyond the largest double and would come ' +
        'back as null',
      'state',
    );
  }

  const bytes = Buffer.byteLength(JSON.stringify(state));
  if (bytes > limits.stateMaxBytes) {
    throw tooLarge(
      'state',
      `expected \`state\` to be at most ${limits.stateMaxBytes} bytes of ` +
        `JSON, got ${bytes}`,
    );
  }
}

/**
 * `too_deep`, the keys leading to a number JSON cannot carry (`1e999` parses
 * as Infinity, which would go back as null and lose the caller's value), or
 * nothing. The walk stops as soon as it passes the depth limit, so it never
 * goes deeper than the limit itself whatever the value; the keys are only
 * gathered on the way back from a problem.
 */
function shapeProblem(
  value: unknown,
  levelsLeft: number,
): 'too_deep' | string[] | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : [];
  if (typeof value !== 'object' || value === null) return undefined;
  if (levelsLeft <= 0) return 'too_deep';

  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    const problem = shapeProblem(inner, levelsLeft - 1);
    if (problem === 'too_deep') return problem;
    if (problem) return [key, ...problem];
  }
  return undefined;
}

function trimContext(
  context: readonly ContextMessage[],
  maxChars: number,
): readonly ContextMessage[] {
  let total = 0;
  let first = context.length;

  // From the newest back: the latest lines matter most to this utterance.
  while (first > 0) {
    const size = context[first - 1]?.content.length ?? 0;
    if (total + size > maxChars) break;
    total += size;
    first -= 1;
  }
  return first === 0 ? context : context.slice(first);
}

function tooLarge(field: string, message: string): HttpError {
  return new HttpError(413, 'field_too_large', message, field);
}
