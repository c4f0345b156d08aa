import type { Response } from 'express';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import type { TurnMetrics } from '../telemetry/turn-metrics.js';
import type { TurnInput, TurnResult } from '../turn/turn-types.js';
import { ServerTiming } from './server-timing.js';

export type AnswerDeps = Readonly<{
  log: Logger;
  metrics: TurnMetrics;
  logContent: boolean;
}>;

/**
 * Sends a turn's answer and reports it: the summary log line, the metrics,
 * the Server-Timing header. Every way of answering a turn (one that ran, or
 * one refused before it could run) goes through here, so each is counted.
 */
export function answerTurn(
  res: Response,
  deps: AnswerDeps,
  input: TurnInput,
  result: TurnResult,
  timing = new ServerTiming(),
): void {
  logEvents.turn(deps.log, input, result, deps.logContent);
  deps.metrics.recordTurn(result.summary);

  res.setHeader('server-timing', timing.header(result.summary.durationMs));
  res.json(
    result.reply === undefined
      ? { state: result.state }
      : { reply: result.reply, state: result.state },
  );
}
