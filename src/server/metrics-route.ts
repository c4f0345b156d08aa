import express, { type Router } from 'express';
import type { TurnMetrics } from '../telemetry/turn-metrics.js';

/** `GET /metrics`: the Prometheus text format, for a scraper. */
export function metricsRoute(metrics: TurnMetrics): Router {
  const router = express.Router();

  router.get('/metrics', async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(text);
  });

  return router;
}
