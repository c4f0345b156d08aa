import express, { type Request, type Response, type Router } from 'express';
import type { AssistantRegistry } from '../assistants/assistant-registry.js';
import type { CallCoordinator } from '../calls/call-coordinator.js';
import { memoryCallCoordinator } from '../calls/memory-call-coordinator.js';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import type { Model } from '../turn/call-model.js';
import { runTurn } from '../turn/run-turn.js';
import { HttpError } from './http-error.js';
import { parseWebhookRequest } from './webhook-request.js';

export type WebhookOptions = Readonly<{
  registry: AssistantRegistry;
  model: Model;
  log: Logger;
  bodyLimitBytes: number;
  contextMaxMessages: number;
  logContent: boolean;
  /** Orders a call's turns and answers duplicates; in memory by default. */
  calls?: CallCoordinator;
}>;

/** `POST /webhook`: one turn of a call, answered with `{reply?, state}`. */
export function webhookRoute(options: WebhookOptions): Router {
  const router = express.Router();
  const calls = options.calls ?? memoryCallCoordinator();
  const parseJson = express.json({
    limit: options.bodyLimitBytes,
    type: () => true,
  });

  router.post('/webhook', requireJson, parseJson, async (req, res) => {
    const { input, dropped } = parseWebhookRequest(
      req.body,
      options.contextMaxMessages,
    );
    const log = options.log.child({
      call_id: input.callId,
      assistant_id: input.assistantId,
    });
    if (dropped.length > 0) logEvents.contextDropped(log, dropped);

    const assistant = options.registry.pick(input.assistantId);
    if (!assistant) throw unknownAssistant(input.assistantId, options.registry);

    // From here on, whatever fails, the caller's state goes back unharmed.
    res.locals.incomingState = input.state;
    res.locals.log = log;

    const started =
      (res.locals.startedAt as number | undefined) ?? performance.now();
    const turn = await calls.handle(
      input,
      { deadline: started + assistant.budgetMs },
      (merged) =>
        runTurn(merged, {
          assistant,
          model: options.model,
          startedAt: started,
          observer: {
            toolCall: ({ record, result }) => {
              if (result.error)
                logEvents.toolError(log, record.name, result.error);
            },
          },
        }),
    );

    const answer = turn.kind === 'ran' ? turn.result : turn.answer;
    if (turn.kind === 'ran') {
      if (turn.waitedMs > 0) logEvents.turnWaited(log, turn.waitedMs);
      if (!turn.stateSaved) logEvents.callStateNotSaved(log);
      logEvents.turn(log, input, turn.result, options.logContent);
    } else if (turn.kind === 'duplicate') logEvents.duplicateAnswered(log);
    else logEvents.turnGaveUp(log, turn.waitingFor);

    res.json(
      answer.reply === undefined
        ? { state: answer.state }
        : { reply: answer.reply, state: answer.state },
    );
  });

  return router;
}

// Checked before the body is read: a client that sends form data or text is
// told so plainly instead of getting a JSON parse error.
function requireJson(
  req: Request,
  _res: Response,
  next: (error?: unknown) => void,
) {
  if (req.is(['application/json', '+json'])) return next();

  const type = req.headers['content-type'];
  next(
    new HttpError(
      415,
      'unsupported_media_type',
      type
        ? `expected Content-Type application/json, got ${type}`
        : 'expected Content-Type application/json',
    ),
  );
}

function unknownAssistant(id: string, registry: AssistantRegistry): HttpError {
  const known = registry.all.flatMap((a) => [a.id, ...a.aliases]).join(', ');
  return new HttpError(
    404,
    'unknown_assistant',
    `no assistant "${id}" and no default assistant (known: ${known})`,
    'assistant_id',
  );
}
