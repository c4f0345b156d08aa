import type { TurnRecording } from '../record/turn-recording.js';
import type { ToolCallOutcome } from '../turn/turn-types.js';
import type { TurnExpectation } from './turn-expectation.js';

const MINTED_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a recorded turn did, as an expectation for the same turn run again:
 * the reply, every tool call with its arguments, outcome and result, and the
 * state. Ids a tool mints per call (UUIDs, `id` fields) are left out, since
 * another call cannot repeat them.
 */
export function recordedExpectation(recording: TurnRecording): TurnExpectation {
  const { answer, tool_calls: toolCalls, summary } = recording;

  return {
    reply: answer.reply ?? null,
    tools: toolCalls.map((call) => ({
      name: call.name,
      args: withoutMintedIds(call.arguments),
      outcome: call.outcome as ToolCallOutcome,
      result: withoutMintedIds(call.result),
    })),
    state: withoutMintedIds(answer.state) as Record<string, unknown>,
    fallback: summary.fallback?.reason ?? null,
  };
}

function withoutMintedIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMintedIds);
  if (typeof value !== 'object' || value === null) return value;

  const kept = Object.entries(value).filter(
    ([key, inner]) => !(typeof inner === 'string' && isMintedId(key, inner)),
  );
  return Object.fromEntries(
    kept.map(([key, inner]) => [key, withoutMintedIds(inner)]),
  );
}

// A UUID anywhere, or any `id` field: tools mint those per call (the
// pending transfer's id is derived from the call id), so another call, or a
// conversation file's own call, gets another one.
function isMintedId(key: string, value: string): boolean {
  return key === 'id' || MINTED_ID.test(value);
}
