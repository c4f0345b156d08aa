import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { composeWebhook } from '../src/compose-webhook.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/log/logger.js';

// The webhook under load, composed as src/main.ts composes it, in a process
// of its own so that the load generator does not share its event loop. It
// tells its parent its port, and its settled heap when asked.
async function main(): Promise<void> {
  const webhook = await composeWebhook(loadConfig(), {
    // To a file, not a pipe: a pipe the parent drains late would block
    // every synchronous log write and slow the turns being measured.
    log: createLogger(
      { level: 'info' },
      pino.destination({ dest: String(process.argv[2]), sync: false }),
    ),
  });

  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  const server = webhook.app.listen({
    port: 0,
    host: '127.0.0.1',
    backlog: 4096,
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  process.send?.({ port });

  process.on('message', (message) => {
    if (message === 'heap') {
      const pauses = {
        lagMaxMs: lag.max / 1e6,
        lagP99Ms: lag.percentile(99) / 1e6,
      };
      // The forced collections below pause the loop on purpose; the monitor
      // is off meanwhile so the next reading shows only the load's pauses.
      lag.disable();
      const heap = settledHeap();
      lag.reset();
      lag.enable();
      process.send?.({
        ...heap,
        ...pauses,
        cpuMs: process.cpuUsage().user / 1000,
      });
    }
    if (message === 'stop') {
      server.closeAllConnections();
      server.close(() => void webhook.close().finally(() => process.exit(0)));
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
