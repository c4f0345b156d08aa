import { toToolReport, type ToolCallReport } from '../turn/tool-call-report.js';
import type { TurnWatcher } from '../turn/turn-watch.js';
import type { TurnSummary } from '../turn/turn-types.js';

export type { ToolCallReport } from '../turn/tool-call-report.js';

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
