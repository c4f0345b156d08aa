import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createAssistantRegistry } from '../src/assistants/assistant-registry.js';
import { loadAssistants } from '../src/assistants/load-assistants.js';
import { loadToolkits } from '../src/assistants/load-toolkits.js';
import { loadConfig } from '../src/config/config.js';
import { pino } from 'pino';
import { createLogger } from '../src/log/logger.js';
import { createAuthenticator } from '../src/server/authenticate.js';
import { createApp } from '../src/server/create-app.js';
import { OverloadGuard } from '../src/server/overload-guard.js';
import { createModel } from '../src/turn/call-model.js';
import {
  ModelCircuitBreaker,
  withCircuitBreaker,
} from '../src/turn/model-circuit-breaker.js';

// The webhook under load, composed as src/main.ts composes it, in a process
// of its own so that the load generator does not share its event loop. It
// tells its parent its port, and its settled heap when asked.
async function main(): Promise<void> {
  const config = loadConfig();
  const loaded = await loadToolkits(config);
  const registry = createAssistantRegistry(
    await loadAssistants(config, loaded.tools),
  );
  const app = createApp({
    registry,
    model: withCircuitBreaker(
      createModel(config.openai),
      new ModelCircuitBreaker(config.breaker),
    ),
    // To a file, not a pipe: a pipe the parent drains late would block
    // every synchronous log write and slow the turns being measured.
    log: createLogger(
      { level: 'info' },
      pino.destination({ dest: String(process.argv[2]), sync: false }),
    ),
    bodyLimitBytes: config.bodyLimitBytes,
    contextMaxMessages: config.contextMaxMessages,
    logContent: false,
    auth: createAuthenticator(config.auth),
    limits: config.limits,
    overload: new OverloadGuard(config.maxTurnsInFlight),
    maxPromptTokens: config.maxPromptTokens,
  });

  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  const server = app.listen({ port: 0, host: '127.0.0.1', backlog: 1024 });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  process.send?.({ port });

  process.on('message', (message) => {
    if (message === 'heap') {
      process.send?.({
        ...settledHeap(),
        lagMaxMs: lag.max / 1e6,
        lagP99Ms: lag.percentile(99) / 1e6,
        cpuMs: process.cpuUsage().user / 1000,
      });
      lag.reset();
    }
    if (message === 'stop') {
      server.closeAllConnections();
      server.close(() => void loaded.close().finally(() => process.exit(0)));
    }
  });
}

function settledHeap() {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 5; i++) gc?.();

  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 };
}

void main();
