import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import { TurnMetrics } from '../telemetry/turn-metrics.js';
import { TurnTracing } from '../telemetry/turn-tracing.js';
import { healthRoutes } from './health-routes.js';
import { fromBodyParser, HttpError } from './http-error.js';
import { metricsRoute } from './metrics-route.js';
import { Readiness } from './readiness.js';
import { requestId } from './request-id.js';
import { totalOnly } from './server-timing.js';
import { webhookRoute, type WebhookOptions } from './webhook-route.js';

export type AppOptions = Omit<WebhookOptions, 'metrics' | 'tracing'> &
  Partial<Pick<WebhookOptions, 'metrics' | 'tracing'>> & {
    readiness?: Readiness;
  };

/** The Express app: the webhook, health and metrics routes, JSON errors. */
export function createApp(options: AppOptions): express.Express {
  const metrics = options.metrics ?? new TurnMetrics();
  const tracing = options.tracing ?? new TurnTracing();
  const readiness = options.readiness ?? new Readiness();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((_req, res, next) => {
    res.locals.startedAt = performance.now();
    // While draining, each answer tells the client to reconnect, and so to
    // reach another instance, instead of reusing this connection.
    if (readiness.isStopping) res.setHeader('connection', 'close');
    next();
  });
  app.use(requestId);

  app.use(healthRoutes(readiness));
  app.use(metricsRoute(metrics));
  app.use(webhookRoute({ ...options, metrics, tracing }));

  app.use((req, _res, next) => {
    next(new HttpError(404, 'not_found', `no route ${req.method} ${req.path}`));
  });
  app.use(errorHandler(options.log));

  return app;
}

function errorHandler(log: Logger) {
  return (
    error: unknown,
    _req: Request,
    res: Response,
    _next: NextFunction,
  ) => {
    const incomingState = res.locals.incomingState as object | undefined;
    const turnLog =
      (res.locals.log as Logger | undefined) ??
      log.child({ request_id: res.locals.requestId as string });

    if (!res.headersSent)
      res.setHeader('server-timing', totalOnly(res.locals.startedAt as number));

    if (incomingState) {
      logEvents.internalError(turnLog, error);
      if (!res.headersSent) res.status(200).json({ state: incomingState });
      return;
    }

    const refusal = error instanceof HttpError ? error : fromBodyParser(error);
    const answer = refusal ?? new HttpError(500, 'internal', 'internal error');
    if (refusal)
      logEvents.badRequest(turnLog, answer.status, answer.code, answer.field);
    else logEvents.internalError(turnLog, error);

    if (!res.headersSent) res.status(answer.status).json(answer.toBody());
  };
}
