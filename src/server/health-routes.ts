import express, { type Router } from 'express';
import type { Readiness } from './readiness.js';

/**
 * `GET /healthz`: the process answers, so it is alive. `GET /readyz`: it
 * should get turns; `503` while anything it needs is missing or while it
 * shuts down, so a load balancer sends new calls elsewhere.
 */
export function healthRoutes(readiness: Readiness): Router {
  const router = express.Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', (_req, res) => {
    const { ready, checks } = readiness.report();
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', checks });
  });

  return router;
}
