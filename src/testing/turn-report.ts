import type { ToolCallEvent } from '../turn/turn-observer.js';
import type { TurnWatcher } from '../turn/turn-watch.js';
import type { ToolCallOutcome, TurnSummary } from '../turn/turn-types.js';

/** One tool call of a turn, as a test or the chat session shows it. */
export type ToolCallReport = Readonly<{
  name: string;
  /** The arguments the model sent, parsed when they are JSON. */
  arguments: unknown;
  outcome: ToolCallOutcome;
  /** What the model read back: the tool's `result`, or the error it got. */
  result: unknown;
  durationMs: number;
}>;

/** What the webhook's answer does not show about a turn. */
export type TurnReport = Readonly<{
  toolCalls: readonly ToolCallReport[];
  summary: TurnSummary;
}>;

/**
 * A watcher that keeps a report of every turn, by call id, for whoever sent
 * the request to pick up once the answer has arrived.
 */
export function turnReports(): {
  watchTurn: TurnWatcher;
  take: (callId: string) => TurnReport | undefined;
} {
  const reports = new Map<string, TurnReport>();

  const watchTurn: TurnWatcher = (input) => {
    const toolCalls: ToolCallReport[] = [];
    return {
      observer: { toolCall: (event) => toolCalls.push(toToolReport(event)) },
      finished: (result) =>
        reports.set(input.callId, { toolCalls, summary: result.summary }),
    };
  };

  const take = (callId: string) => {
    const report = reports.get(callId);
    reports.delete(callId);
    return report;
  };

  return { watchTurn, take };
}

/** A tool call event in the words of a test: parsed arguments and result. */
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
