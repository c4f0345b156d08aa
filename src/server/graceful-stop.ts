import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import type { TurnMetrics } from '../telemetry/turn-metrics.js';
import type { Readiness } from './readiness.js';

const SWEEP_MS = 100;

export type StopOptions = Readonly<{
  server: Server;
  readiness: Readiness;
  metrics: TurnMetrics;
  log: Logger;
  /** How long to keep serving, not ready, so load balancers notice first. */
  delayMs: number;
  /** The longest a turn may still run: its budget, plus a little slack. */
  drainLimitMs: number;
}>;

/**
 * Takes the server out of service without dropping a call: reports not
 * ready, waits `delayMs`, stops accepting connections, and resolves once the
 * turns in flight are answered. Turns are bounded by their budget, so a
 * connection still open after `drainLimitMs` is a stuck client, and closed.
 */
export async function stopGracefully(options: StopOptions): Promise<void> {
  const { server, log } = options;
  options.readiness.markStopping();
  if (options.delayMs > 0) await sleep(options.delayMs);

  logEvents.draining(log, options.metrics.turnsInFlight());
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  // A keep-alive connection whose turn was answered would otherwise hold
  // the server open until the client's idle timeout.
  const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
  server.closeIdleConnections();

  const stuck = setTimeout(() => {
    logEvents.drainTimedOut(log, options.drainLimitMs);
    server.closeAllConnections();
  }, options.drainLimitMs);

  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(stuck);
  }
}
