import express, { type Request, type Response, type Router } from 'express';
import type { AssistantRegistry } from '../assistants/assistant-registry.js';
import type {
  CallCoordinator,
  CoordinatedTurn,
} from '../calls/call-coordinator.js';
import { memoryCallCoordinator } from '../calls/memory-call-coordinator.js';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import type { Model } from '../turn/call-model.js';
import type { TurnMetrics } from '../telemetry/turn-metrics.js';
import type { TurnTracing } from '../telemetry/turn-tracing.js';
import { runTurn } from '../turn/run-turn.js';
import { workDeadline } from '../turn/turn-budget.js';
import { combineObservers } from '../turn/turn-observer.js';
import { runWatched, type TurnWatcher } from '../turn/turn-watch.js';
import { answerCoordinatedTurn } from './answer-coordinated-turn.js';
import type { RequestLimits } from '../config/config.js';
import { answerTurn } from './answer-turn.js';
import type { Authenticator } from './authenticate.js';
import { HttpError } from './http-error.js';
import { type OverloadGuard, overloadResult } from './overload-guard.js';
import { applyRequestLimits } from './request-limits.js';
import { ServerTiming } from './server-timing.js';
import { parseWebhookRequest } from './webhook-request.js';

export type WebhookOptions = Readonly<{
  registry: AssistantRegistry;
  model: Model;
  log: Logger;
  bodyLimitBytes: number;
  contextMaxMessages: number;
  logContent: boolean;
  /** Watches every turn (a recording, a test harness); optional. */
  watchTurn?: TurnWatcher;
  metrics: TurnMetrics;
  tracing: TurnTracing;
  /** Orders a call's turns and answers duplicates; in memory by default. */
  calls?: CallCoordinator;
  /** Who may call; absent, anyone may (authentication is off). */
  auth?: Authenticator;
  limits?: RequestLimits;
  overload?: OverloadGuard;
  maxPromptTokens?: number;
}>;

/** `POST /webhook`: one turn of a call, answered with `{reply?, state}`. */
export function webhookRoute(options: WebhookOptions): Router {
  const router = express.Router();
  const calls = options.calls ?? memoryCallCoordinator();
  const { auth } = options;
  const parseJson = express.json({
    limit: options.bodyLimitBytes,
    // A scalar is valid JSON: it is parsed, then refused as not an object,
    // rather than called unparseable.
    strict: false,
    type: () => true,
    verify: auth?.verifyBody,
  });
  const door = auth
    ? [auth.checkHeaders, requireJson, parseJson, auth.checkVerified]
    : [requireJson, parseJson];

  router.post('/webhook', ...door, async (req, res) => {
    const parsed = parseWebhookRequest(req.body, options.contextMaxMessages);
    const { input, trimmed } = options.limits
      ? applyRequestLimits(parsed.input, options.limits)
      : { input: parsed.input, trimmed: 0 };
    const { dropped } = parsed;
    const who = {
      request_id: res.locals.requestId as string,
      call_id: input.callId,
      assistant_id: input.assistantId,
    };
    const log = options.log.child(who);
    if (dropped.length > 0) logEvents.contextDropped(log, dropped);
    if (trimmed > 0) logEvents.contextTrimmed(log, trimmed);

    const assistant = options.registry.pick(input.assistantId);
    if (!assistant) throw unknownAssistant(input.assistantId, options.registry);

    // From here on, whatever fails, the caller's state goes back unharmed.
    res.locals.incomingState = input.state;
    res.locals.log = log;

    const startedAt = res.locals.startedAt as number;
    const guard = options.overload;
    const leave = guard?.tryEnter();
    if (guard && !leave) {
      const refused = overloadResult(input, assistant, guard, startedAt);
      answerTurn(res, { ...options, log }, input, refused);
      return;
    }

    const timing = new ServerTiming();
    const trace = options.tracing.startTurn(who, startedAt, req.headers);
    const turnEnded = options.metrics.turnStarted();
    let turn: CoordinatedTurn | undefined;
    try {
      turn = await calls.handle(
        input,
        { deadline: workDeadline(startedAt, assistant.budgetMs) },
        (merged) =>
          runWatched(options.watchTurn, merged, (watching) =>
            runTurn(merged, {
              assistant,
              model: options.model,
              startedAt,
              maxPromptTokens: options.maxPromptTokens,
              observer: combineObservers(
                watching,
                timing.observer,
                trace.observer,
                {
                  toolCall: ({ record, result }) => {
                    if (result.error)
                      logEvents.toolError(log, record.name, result.error);
                  },
                },
              ),
            }),
          ),
      );
    } finally {
      leave?.();
      turnEnded();
      trace.end(turn?.kind === 'ran' ? turn.result.summary : undefined);
    }

    answerCoordinatedTurn(res, { ...options, log }, input, turn, {
      assistant: assistant.id,
      startedAt,
      timing,
    });
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
  const type = req.headers['content-type'];
  if (req.is(['application/json', '+json'])) {
    // The parser would decode UTF-16 too, and read UTF-8 bytes as garbage.
    const charset = /;\s*charset="?([^";\s]+)/i.exec(type ?? '')?.[1];
    if (!charset || /^utf-?8$/i.test(charset)) return next();
  }

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
