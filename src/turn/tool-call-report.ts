import type { ToolCallEvent } from './turn-observer.js';
import type { ToolCallOutcome } from './turn-types.js';

/** One tool call of a turn, as a test, a recording or the chat session shows it. */
export type ToolCallReport = Readonly<{
  name: string;
  /** The arguments the model sent, parsed when they are JSON. */
  arguments: unknown;
  outcome: ToolCallOutcome;
  /** What the model read back: the tool's `result`, or the error it got. */
  result: unknown;
  durationMs: number;
}>;

/** A tool call event as people read it: parsed arguments and result. */
export function toToolReport({
  call,
  record,
  result,
}: ToolCallEvent): ToolCallReport {
  const content = parseJson(result.content) as
    { ok?: boolean; result?: unknown; error?: unknown } | undefined;

  return {
    name: call.name,
    arguments: parseJson(call.arguments) ?? call.arguments,
    outcome: record.outcome,
    result: content?.ok ? content.result : (content?.error ?? result.content),
    durationMs: record.durationMs,
  };
}

function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return undefined;
  }
}
