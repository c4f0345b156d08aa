import type {
  ModelCallRecord,
  ToolCallRecord,
  TurnSummary,
} from '../turn/turn-types.js';

/**
 * The fields of a turn's summary line, in the log's snake_case. Traces carry
 * the same names, so a log line and its span read alike.
 */
export function turnLine(summary: TurnSummary) {
  return {
    assistant: summary.assistant,
    duration_ms: summary.durationMs,
    steps: summary.steps,
    model_calls: summary.modelCalls.map(modelCallLine),
    tool_calls: summary.toolCalls.map(toolCallLine),
    replied: summary.replied,
    fallback: summary.fallback,
  };
}

/** One model call; token counts only when the provider reported them. */
export function modelCallLine(record: ModelCallRecord) {
  return dropUndefined({
    step: record.step,
    duration_ms: record.durationMs,
    finish_reason: record.finishReason,
    tokens_in: record.tokensIn,
    tokens_out: record.tokensOut,
    cached_tokens: record.cachedTokens,
    error: record.error,
  });
}

/** One tool call: its name, outcome and duration, never its arguments. */
export function toolCallLine(record: ToolCallRecord) {
  return {
    name: record.name,
    outcome: record.outcome,
    duration_ms: record.durationMs,
  };
}

function dropUndefined<T extends Record<string, unknown>>(line: T): T {
  for (const key of Object.keys(line))
    if (line[key] === undefined) delete line[key];
  return line;
}
