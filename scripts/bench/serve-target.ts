// One webhook under test, in its own process: `serve-target.ts <target>
// <model base URL> <budget ms> [max turns in flight]`. It tells its parent the port over IPC and
// answers requests for its memory and event-loop figures.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildTarget, TARGETS, type TargetName } from './bench-targets.js';

/** A request from the benchmark to the process under test. */
export type TargetCommand = Readonly<{ type: 'stats' | 'reset' | 'gc' }>;

/** The figures the process under test reports. */
export type TargetStats = Readonly<{
  rssMb: number;
  heapUsedMb: number;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  /** Time from arrival to answer of each request since the last report. */
  serverMs: number[];
  /** Requests still being answered. */
  inFlight: number;
}>;

const [name, modelBaseURL, budget, cap] = process.argv.slice(2);
if (!TARGETS.includes(name as TargetName) || !modelBaseURL) {
  throw new Error(`usage: serve-target <${TARGETS.join('|')}> <url> <ms>`);
}

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

const app = await buildTarget(name as TargetName, {
  modelBaseURL,
  budgetMs: Number(budget ?? 8000),
  maxTurnsInFlight: cap ? Number(cap) : undefined,
});
const server = app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ port });
});
server.keepAliveTimeout = 60_000;

// Measured here as well as by the load generator, so time the generator
// itself waited for the CPU can be told apart from the webhook's own.
let serverMs: number[] = [];
let inFlight = 0;
server.on('request', (_req, res) => {
  const arrived = performance.now();
  inFlight += 1;
  res.once('close', () => (inFlight -= 1));
  res.once('finish', () => serverMs.push(performance.now() - arrived));
});

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

process.on('message', (command: TargetCommand) => {
  if (command.type === 'reset') {
    loop.reset();
    serverMs = [];
  }
  if (command.type === 'gc') globalThis.gc?.();

  const memory = process.memoryUsage();
  const stats: TargetStats = {
    rssMb: mb(memory.rss),
    heapUsedMb: mb(memory.heapUsed),
    loopDelayMaxMs: ms(loop.max),
    loopDelayP99Ms: ms(loop.percentile(99)),
    serverMs,
    inFlight,
  };
  serverMs = [];
  process.send?.(stats);
});
process.on('disconnect', () => process.exit(0));
