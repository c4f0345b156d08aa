import { createAssistantRegistry } from './assistants/assistant-registry.js';
import { loadAssistants } from './assistants/load-assistants.js';
import { loadToolkits } from './assistants/load-toolkits.js';
import { createCallCoordinator } from './calls/create-call-coordinator.js';
import {
  assertAuthConfigured,
  assertModelReachable,
  loadConfig,
} from './config/config.js';
import { loadEnvFile } from './config/env-file.js';
import { logEvents } from './log/log-events.js';
import { createLogger, type Logger } from './log/logger.js';
import { createTurnRecorder } from './record/turn-recorder.js';
import { wantsPrettyOutput } from './log/pretty-output.js';
import { createAuthenticator } from './server/authenticate.js';
import { createApp } from './server/create-app.js';
import { stopGracefully } from './server/graceful-stop.js';
import { OverloadGuard } from './server/overload-guard.js';
import { Readiness } from './server/readiness.js';
import { startTracing } from './telemetry/start-tracing.js';
import { TurnMetrics } from './telemetry/turn-metrics.js';
import { createModel } from './turn/call-model.js';
import {
  ModelCircuitBreaker,
  withCircuitBreaker,
} from './turn/model-circuit-breaker.js';

// Time a turn may still need past its budget to write its answer.
const DRAIN_SLACK_MS = 2000;

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

  const loaded = await loadToolkits(config);
  const registry = createAssistantRegistry(
    await loadAssistants(config, loaded.tools),
  );
  const recorder = config.recordDir
    ? createTurnRecorder({
        dir: config.recordDir,
        content: config.log.content,
        log,
      })
    : undefined;
  const calls = createCallCoordinator(config.calls, log);
  const readiness = new Readiness({
    assistants: () =>
      registry.all.length > 0 ? undefined : 'no assistants loaded',
    tools: loaded.problems,
  });
  const metrics = new TurnMetrics();
  metrics.watchCalls(() => calls.stats());
  const model = withCircuitBreaker(
    createModel({ ...config.openai, fetch: recorder?.fetch }),
    new ModelCircuitBreaker(config.breaker),
  );
  const auth = createAuthenticator(config.auth);
  if (!auth) logEvents.authenticationOff(log, config.auth.mode === 'off');

  const app = createApp({
    registry,
    model,
    watchTurn: recorder?.watchTurn,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    contextMaxMessages: config.contextMaxMessages,
    logContent: config.log.content,
    calls,
    metrics,
    readiness,
    auth,
    limits: config.limits,
    overload: new OverloadGuard(config.maxTurnsInFlight),
    maxPromptTokens: config.maxPromptTokens,
  });

  const server = app.listen(config.port, () => {
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
    await loaded.close();
    await calls.close();
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
  logEvents.startFailed(createLogger({ level: 'info' }), error);
  process.exitCode = 1;
});
