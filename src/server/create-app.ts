import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import { fromBodyParser, HttpError } from './http-error.js';
import { webhookRoute, type WebhookOptions } from './webhook-route.js';

export type AppOptions = WebhookOptions;

/** The Express app: the webhook, a liveness route, and JSON errors. */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((_req, res, next) => {
    res.locals.startedAt = performance.now();
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(webhookRoute(options));

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
    const turnLog = (res.locals.log as Logger | undefined) ?? log;

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
