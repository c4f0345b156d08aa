import type { Express } from 'express';
import { createAssistantRegistry } from './assistants/assistant-registry.js';
import type { AssistantRegistry } from './assistants/assistant-registry.js';
import { loadAssistants } from './assistants/load-assistants.js';
import { loadToolkits } from './assistants/load-toolkits.js';
import type { ToolDefinition } from './assistants/tool.js';
import { createCallCoordinator } from './calls/create-call-coordinator.js';
import type { Config } from './config/config.js';
import { logEvents } from './log/log-events.js';
import type { Logger } from './log/logger.js';
import { createTurnRecorder } from './record/turn-recorder.js';
import { createAuthenticator } from './server/authenticate.js';
import { createApp } from './server/create-app.js';
import { OverloadGuard } from './server/overload-guard.js';
import { Readiness } from './server/readiness.js';
import { TurnMetrics } from './telemetry/turn-metrics.js';
import { createModel } from './turn/call-model.js';
import {
  ModelCircuitBreaker,
  withCircuitBreaker,
} from './turn/model-circuit-breaker.js';

/** The webhook as configured, with what it takes to watch and stop it. */
export type ComposedWebhook = Readonly<{
  app: Express;
  registry: AssistantRegistry;
  readiness: Readiness;
  metrics: TurnMetrics;
  /** Closes the tool backends and the call store. */
  close: () => Promise<void>;
}>;

export type ComposeOptions = Readonly<{
  log: Logger;
  /** Changes the loaded tools before assistants see them (benchmarks do). */
  mapTools?: (
    tools: ReadonlyMap<string, ToolDefinition>,
  ) => ReadonlyMap<string, ToolDefinition>;
}>;

/**
 * Builds the webhook from its configuration: tools, assistants, the call
 * coordinator, the model behind its circuit breaker, the door and the
 * overload guard. The server, the load test and the benchmark all start
 * from here, so what they measure is what ships.
 */
export async function composeWebhook(
  config: Config,
  { log, mapTools = (tools) => tools }: ComposeOptions,
): Promise<ComposedWebhook> {
  const loaded = await loadToolkits(config);
  const registry = createAssistantRegistry(
    await loadAssistants(config, mapTools(loaded.tools)),
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

  return {
    app,
    registry,
    readiness,
    metrics,
    close: async () => {
      await loaded.close();
      await calls.close();
    },
  };
}
