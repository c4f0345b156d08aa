import { createServer } from 'node:http';
import { composeWebhook } from './compose-webhook.js';
import {
  assertAuthConfigured,
  assertModelReachable,
  loadConfig,
} from './config/config.js';
import { loadEnvFile } from './config/env-file.js';
import { logEvents } from './log/log-events.js';
import { createLogger, type Logger } from './log/logger.js';
import { wantsPrettyOutput } from './log/pretty-output.js';
import { stopGracefully } from './server/graceful-stop.js';
import { startTracing } from './telemetry/start-tracing.js';

// Time a turn may still need past its budget to write its answer.
const DRAIN_SLACK_MS = 2000;
// Connections the kernel holds for us while the event loop is busy (Node
// accepts one per loop turn). Node's 511 would drop part of a burst, and a
// dropped connection is retried a whole second later; Linux caps this at
// net.core.somaxconn.
const LISTEN_BACKLOG = 4096;
// A request must arrive whole within this. The platform gives up on a turn
// after 10 s, so a body still trickling in by then is no one's turn, and a
// sender that stalls (or trickles bytes on purpose) is answered 408 and cut
// off instead of holding its connection for Node's default five minutes.
const REQUEST_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const fromFile = loadEnvFile();
  const config = loadConfig();
  const log = createLogger({
    level: config.log.level,
    pretty: wantsPrettyOutput(),
  });
  logEvents.envFileLoaded(log, '.env', fromFile);
  assertModelReachable(config);
  assertAuthConfigured(config);

  const stopTracing = await startTracing(config.tracing);
  if (config.tracing.endpoint)
    logEvents.tracingStarted(log, config.tracing.endpoint);

  const webhook = await composeWebhook(config, { log });
  const { app, registry, readiness, metrics } = webhook;

  const server = createServer(
    {
      requestTimeout: REQUEST_TIMEOUT_MS,
      headersTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  // A port in use, say: the start failed.
  const cannotListen = (error: Error) => {
    logEvents.startFailed(log, error);
    process.exit(1);
  };
  server.once('error', cannotListen);
  server.listen({ port: config.port, backlog: LISTEN_BACKLOG }, () => {
    server.off('error', cannotListen);
    logEvents.started(
      log,
      config.port,
      registry.all.map((a) => a.id),
    );
  });

  const longestBudget = Math.max(...registry.all.map((a) => a.budgetMs));
  onSignals(log, config.shutdownDelayMs, async () => {
    await stopGracefully({
      server,
      readiness,
      metrics,
      log,
      delayMs: config.shutdownDelayMs,
      drainLimitMs: longestBudget + DRAIN_SLACK_MS,
    });
    await webhook.close();
    await stopTracing?.().catch((error: unknown) => {
      logEvents.tracingFailed(log, error);
    });
  });
}

// The first SIGTERM or SIGINT stops gracefully; a second one, from an
// impatient person or orchestrator, ends the process at once.
function onSignals(log: Logger, delayMs: number, stop: () => Promise<void>) {
  const handle = (signal: string) => {
    logEvents.stopping(log, signal, delayMs);
    process.once('SIGTERM', () => process.exit(1));
    process.once('SIGINT', () => process.exit(1));

    stop().then(
      () => {
        logEvents.stopped(log);
        process.exit(0);
      },
      (error: unknown) => {
        logEvents.stopFailed(log, error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handle);
  process.once('SIGINT', handle);
}

main().catch((error: unknown) => {
  const log = createLogger({ level: 'info', pretty: wantsPrettyOutput() });
  logEvents.startFailed(log, error);
  process.exitCode = 1;
});
