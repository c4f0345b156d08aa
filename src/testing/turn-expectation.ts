import type { ToolCallOutcome } from '../turn/turn-types.js';
import type { TurnOutcome } from './conversation.js';

/** A tool call a turn should make; unnamed parts are not checked. */
export type ToolCallExpectation = Readonly<{
  name: string;
  /** Compared as a subset: keys left out are not checked. */
  args?: unknown;
  outcome?: ToolCallOutcome;
  /** Compared as a subset of what the model read back. */
  result?: unknown;
}>;

/** What a turn should show; every part is optional. */
export type TurnExpectation = Readonly<{
  /** The exact reply, `null` for none, or `{contains}` for a part of it. */
  reply?: string | null | Readonly<{ contains: string }>;
  /** Every tool call of the turn, in order. */
  tools?: readonly ToolCallExpectation[];
  /** State keys and their values after the turn, as a subset. */
  state?: Readonly<Record<string, unknown>>;
  /** State keys that must be gone after the turn. */
  absent?: readonly string[];
  /** The fallback reason, or `null` for a turn that must not fall back. */
  fallback?: string | null;
  status?: number;
}>;

/** How the turn differed from what was expected, one line each; [] if not. */
export function compareTurn(
  outcome: TurnOutcome,
  expected: TurnExpectation,
): string[] {
  return [
    ...compareStatus(outcome, expected),
    ...compareReply(outcome.reply, expected.reply),
    ...compareTools(outcome, expected.tools),
    ...compareState(outcome, expected),
    ...compareFallback(outcome, expected.fallback),
  ];
}

function compareStatus(outcome: TurnOutcome, expected: TurnExpectation) {
  const status = expected.status ?? 200;
  if (outcome.status === status) return [];

  return [
    `status: expected ${status}, got ${outcome.status} ${show(outcome.error)}`,
  ];
}

function compareReply(
  reply: string | undefined,
  expected: TurnExpectation['reply'],
): string[] {
  if (expected === undefined) return [];
  const got = reply === undefined ? 'no reply' : show(reply);

  if (expected === null)
    return reply === undefined ? [] : [`reply: expected no reply, got ${got}`];
  if (typeof expected === 'string') {
    return reply === expected
      ? []
      : [`reply: expected ${show(expected)}, got ${got}`];
  }
  return reply?.includes(expected.contains)
    ? []
    : [`reply: expected one containing ${show(expected.contains)}, got ${got}`];
}

function compareTools(
  outcome: TurnOutcome,
  expected: readonly ToolCallExpectation[] | undefined,
): string[] {
  if (expected === undefined) return [];

  const made = outcome.toolCalls;
  const names = (calls: ReadonlyArray<{ name: string }>) =>
    calls.length === 0 ? 'none' : calls.map((call) => call.name).join(', ');
  if (
    made.length !== expected.length ||
    made.some((call, i) => call.name !== expected[i]?.name)
  ) {
    return [`tool calls: expected ${names(expected)}, got ${names(made)}`];
  }

  return expected.flatMap((want, i) => {
    const call = made[i]!;
    const at = `tool call ${i + 1} (${call.name})`;
    const problems: string[] = [];
    if (want.args !== undefined && !matches(want.args, call.arguments))
      problems.push(
        `${at} arguments: expected ${show(want.args)}, got ${show(call.arguments)}`,
      );
    if (want.outcome !== undefined && want.outcome !== call.outcome)
      problems.push(
        `${at} outcome: expected ${want.outcome}, got ${call.outcome} ${show(call.result)}`,
      );
    if (want.result !== undefined && !matches(want.result, call.result))
      problems.push(
        `${at} result: expected ${show(want.result)}, got ${show(call.result)}`,
      );
    return problems;
  });
}

function compareState(outcome: TurnOutcome, expected: TurnExpectation) {
  const { state } = outcome;
  const wrong = Object.entries(expected.state ?? {}).flatMap(([key, want]) =>
    matches(want, state[key])
      ? []
      : [
          key in state
            ? `state.${key}: expected ${show(want)}, got ${show(state[key])}`
            : `state.${key}: expected ${show(want)}, but it is not in the state`,
        ],
  );
  const present = (expected.absent ?? []).flatMap((key) =>
    key in state
      ? [`state.${key}: expected it gone, got ${show(state[key])}`]
      : [],
  );

  return [...wrong, ...present];
}

function compareFallback(
  outcome: TurnOutcome,
  expected: string | null | undefined,
) {
  if (expected === undefined) return [];
  const got = outcome.fallback;

  if (expected === null) {
    return got
      ? [`fallback: expected none, got ${got.reason} (${got.detail})`]
      : [];
  }
  return got?.reason === expected
    ? []
    : [`fallback: expected ${expected}, got ${got ? got.reason : 'none'}`];
}

/** Whether `actual` holds everything `expected` names: objects as subsets. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => matches(item, actual[i]))
    );
  }
  if (isRecord(expected)) {
    return (
      isRecord(actual) &&
      Object.entries(expected).every(([key, value]) =>
        matches(value, actual[key]),
      )
    );
  }
  return Object.is(expected, actual);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
