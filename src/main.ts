import type { Server } from 'node:http';
import { createAssistantRegistry } from './assistants/assistant-registry.js';
import { loadAssistants } from './assistants/load-assistants.js';
import { loadToolkits } from './assistants/load-toolkits.js';
import { assertModelReachable, loadConfig } from './config/config.js';
import { logEvents } from './log/log-events.js';
import { createLogger, type Logger } from './log/logger.js';
import { createTurnRecorder } from './record/turn-recorder.js';
import { createApp } from './server/create-app.js';
import { createModel } from './turn/call-model.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.log.level });
  assertModelReachable(config);

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
  const model = createModel({ ...config.openai, fetch: recorder?.fetch });
  const app = createApp({
    registry,
    model,
    watchTurn: recorder?.watchTurn,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    contextMaxMessages: config.contextMaxMessages,
    logContent: config.log.content,
  });

  const server = app.listen(config.port, () => {
    logEvents.started(
      log,
      config.port,
      registry.all.map((a) => a.id),
    );
  });
  stopOnSignals(server, log, loaded.close);
}

// Turns in flight are bounded by their budget, so letting the server finish
// them before closing the backends never waits for long.
function stopOnSignals(
  server: Server,
  log: Logger,
  closeTools: () => Promise<void>,
) {
  const stop = (signal: string) => {
    logEvents.stopping(log, signal);
    server.close(() => {
      void closeTools().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  logEvents.startFailed(createLogger({ level: 'info' }), error);
  process.exitCode = 1;
});
