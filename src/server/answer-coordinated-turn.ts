import type { Response } from 'express';
import type { CoordinatedTurn } from '../calls/call-coordinator.js';
import type { StoredAnswer } from '../calls/call-store.js';
import { logEvents } from '../log/log-events.js';
import type { TurnInput, TurnSummary } from '../turn/turn-types.js';
import { answerTurn, type AnswerDeps } from './answer-turn.js';
import type { ServerTiming } from './server-timing.js';

export type CoordinatedContext = Readonly<{
  assistant: string;
  startedAt: number;
  timing: ServerTiming;
}>;

/**
 * Answers a turn however the call coordinator settled it. One that ran, or
 * gave up waiting (a budget fallback), is answered, logged and counted like
 * any turn; a duplicate gets the first delivery's answer and a line of its
 * own, since it is no new turn.
 */
export function answerCoordinatedTurn(
  res: Response,
  deps: AnswerDeps,
  input: TurnInput,
  turn: CoordinatedTurn,
  context: CoordinatedContext,
): void {
  if (turn.kind === 'duplicate') {
    logEvents.duplicateAnswered(deps.log);
    res.json(bodyOf(turn.answer));
    return;
  }

  if (turn.kind === 'ran') {
    if (turn.waitedMs > 0) logEvents.turnWaited(deps.log, turn.waitedMs);
    if (!turn.stateSaved) logEvents.callStateNotSaved(deps.log);
    answerTurn(res, deps, input, turn.result, context.timing);
    return;
  }

  const summary = waitedOut(turn.waitingFor, context);
  answerTurn(res, deps, input, { ...turn.answer, summary }, context.timing);
}

function waitedOut(
  waitingFor: 'first_delivery' | 'earlier_turn',
  context: CoordinatedContext,
): TurnSummary {
  const what =
    waitingFor === 'earlier_turn'
      ? 'an earlier turn of the call'
      : 'the first delivery of this turn';
  return {
    assistant: context.assistant,
    durationMs: Math.round(performance.now() - context.startedAt),
    steps: 0,
    modelCalls: [],
    toolCalls: [],
    replied: false,
    fallback: {
      reason: 'budget',
      detail: `the budget ran out while waiting for ${what}`,
    },
  };
}

function bodyOf(answer: StoredAnswer) {
  return answer.reply === undefined
    ? { state: answer.state }
    : { reply: answer.reply, state: answer.state };
}
