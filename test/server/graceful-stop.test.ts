import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { stopGracefully } from '../../src/server/graceful-stop.js';
import { Readiness } from '../../src/server/readiness.js';
import { TurnMetrics } from '../../src/telemetry/turn-metrics.js';
import { captureLogLines } from '../support/log-capture.js';

// A client that keeps its connections open for as long as the server lets
// it, as a load balancer's connection pool does.
const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
let server: Server | undefined;

afterEach(() => {
  server?.closeAllConnections();
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]) {
  server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function request(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

function stop(drainLimitMs: number, { sink } = captureLogLines()) {
  return stopGracefully({
    server: server!,
    readiness: new Readiness(),
    metrics: new TurnMetrics({ defaultMetrics: false }),
    log: createLogger({ level: 'info' }, sink),
    delayMs: 0,
    drainLimitMs,
  });
}

describe('stopGracefully', () => {
  it('resolves soon after the last answer, despite keep-alive clients', async () => {
    const url = await listen((_req, res) => {
      setTimeout(() => res.end('answered'), 300);
    });
    const answered = request(url);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = performance.now();
    await Promise.all([stop(30_000), answered]);

    expect(await answered).toBe(200);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('closes a connection still open past the drain limit', async () => {
    const url = await listen(() => {
      // Never answers: a stuck client or a bug.
    });
    const stuck = request(url).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logs = captureLogLines();

    await stop(300, logs);

    expect(await stuck).toBeInstanceOf(Error);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        msg: 'connections still open, closing them',
        waited_ms: 300,
      }),
    );
  });
});
