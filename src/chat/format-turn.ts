import type { TurnOutcome } from '../testing/conversation.js';
import { stateDiff } from './state-diff.js';

/** A turn as the chat session and the demo print it, line by line. */
export function formatTurn(outcome: TurnOutcome): string[] {
  if (outcome.status !== 200) {
    return [
      `  refused: HTTP ${outcome.status} ${JSON.stringify(outcome.error)}`,
    ];
  }

  const lines = [
    outcome.reply === undefined
      ? "  (no reply: the platform's agent answers)"
      : `  reply: ${outcome.reply}`,
  ];
  for (const call of outcome.toolCalls) {
    lines.push(
      `  tool ${call.name} ${JSON.stringify(call.arguments)} -> ` +
        `${call.outcome} ${JSON.stringify(call.result)} (${call.durationMs} ms)`,
    );
  }

  const diff = stateDiff(outcome.stateBefore, outcome.state);
  lines.push(
    ...(diff.length === 0
      ? ['  state: unchanged']
      : diff.map((line, i) => `${i === 0 ? '  state: ' : '         '}${line}`)),
  );
  if (outcome.fallback) {
    lines.push(
      `  fell back: ${outcome.fallback.reason} (${outcome.fallback.detail})`,
    );
  }
  lines.push(`  ${Math.round(outcome.elapsedMs)} ms`);
  return lines;
}
