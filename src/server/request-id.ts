import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

// What a proxy or the platform might send: UUIDs, trace ids, ULIDs. Anything
// else (too long, spaces, control characters) is replaced, so a client can
// neither flood the logs nor forge log syntax through it.
const SANE_ID = /^[\w.:+/=-]{1,128}$/;

/**
 * Gives every request an id: the incoming `x-request-id` when it is sane,
 * else a new UUID. It is echoed in the answer and carried by the log lines.
 */
export function requestId(req: Request, res: Response, next: NextFunction) {
  const incoming = req.get(REQUEST_ID_HEADER);
  const id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();

  res.locals.requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}
