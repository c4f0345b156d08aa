import type { TargetName } from './bench-targets.js';
import type { BenchPlan } from './bench-plan.js';
import { turnBodies } from './bench-data.js';
import {
  startTarget,
  type ModelServer,
  type ModelStats,
  type Target,
} from './bench-processes.js';
import {
  percentile,
  runLoad,
  summarize,
  type LoadResult,
  type LoadSample,
} from './run-load.js';

/** One target at one concurrency and model latency. */
export type GridResult = LoadResult &
  Readonly<{
    target: TargetName;
    modelMs: number;
    /** p50 and p99 of the time inside the webhook's own process. */
    serverP50: number;
    serverP99: number;
    loopDelayMaxMs: number;
    modelRequests: number;
    modelConnections: number;
    prefix: ModelStats['prefix'];
  }>;

type Tally = {
  samples: LoadSample[];
  serverMs: number[];
  loopDelayMaxMs: number;
  modelRequests: number;
  modelConnections: number;
  prefix?: ModelStats['prefix'];
};

/**
 * Latency and throughput of every target at every concurrency the plan
 * names, against the same model server. The measured time is cut into
 * rounds that visit the targets in turn, so a change in the machine's other
 * load weighs on every target alike.
 */
export async function runGrid(
  plan: BenchPlan,
  model: ModelServer,
  log: (line: string) => void,
): Promise<GridResult[]> {
  const bodies = turnBodies();
  const results: GridResult[] = [];

  for (const row of plan.grid) {
    await model.set({ latencyMs: row.modelMs, hang: false });
    const targets: Target[] = [];
    for (const name of row.targets) {
      targets.push(await startTarget(name, model, 8000));
      await assertAnswers(targets.at(-1) as Target);
    }

    for (const connections of row.connections) {
      const tallies = new Map<Target, Tally>();
      for (const target of targets) {
        const load = { url: target.url, connections, bodies };
        await runLoad({ ...load, durationSec: plan.warmSec });
        await drained(target);
        tallies.set(target, emptyTally());
      }

      for (let round = 0; round < row.rounds; round++) {
        for (const target of rotate(targets, round)) {
          await model.reset();
          await target.command('reset');
          const sample = await runLoad({
            url: target.url,
            connections,
            bodies,
            durationSec: plan.pointSec / row.rounds,
          });
          const tally = tallies.get(target) as Tally;
          tally.samples.push(sample);
          await settle(tally, target, model);
          await drained(target);
        }
      }

      for (const target of targets) {
        const tally = tallies.get(target) as Tally;
        const result = toResult(tally, target.name, row.modelMs, connections);
        results.push(result);
        log(describe(result));
      }
    }
    for (const target of targets) await target.stop();
  }

  return results;
}

function emptyTally(): Tally {
  return {
    samples: [],
    serverMs: [],
    loopDelayMaxMs: 0,
    modelRequests: 0,
    modelConnections: 0,
  };
}

async function settle(tally: Tally, target: Target, model: ModelServer) {
  const modelStats = await model.stats(target.name);
  const targetStats = await target.command('stats');

  tally.serverMs.push(...targetStats.serverMs);
  tally.loopDelayMaxMs = Math.max(
    tally.loopDelayMaxMs,
    targetStats.loopDelayMaxMs,
  );
  tally.modelRequests += modelStats.requests;
  tally.modelConnections += modelStats.connections;
  const seen = tally.prefix;
  tally.prefix = !seen
    ? modelStats.prefix
    : {
        requests: seen.requests + modelStats.prefix.requests,
        distinctHashes: Math.max(
          seen.distinctHashes,
          modelStats.prefix.distinctHashes,
        ),
        stableBytes: Math.min(seen.stableBytes, modelStats.prefix.stableBytes),
        promptEndsAt: seen.promptEndsAt,
      };
}

function toResult(
  tally: Tally,
  target: TargetName,
  modelMs: number,
  connections: number,
): GridResult {
  const server = tally.serverMs.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;

  return {
    ...summarize(tally.samples, connections),
    target,
    modelMs,
    serverP50: round(percentile(server, 0.5)),
    serverP99: round(percentile(server, 0.99)),
    loopDelayMaxMs: tally.loopDelayMaxMs,
    modelRequests: tally.modelRequests,
    modelConnections: tally.modelConnections,
    prefix: tally.prefix ?? {
      requests: 0,
      distinctHashes: 0,
      stableBytes: 0,
      promptEndsAt: 0,
    },
  };
}

// Turns a run left behind would otherwise compete with the next target's
// run for the CPU; wait (a bounded while) until they are answered.
async function drained(target: Target): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const { inFlight } = await target.command('stats');
    if (inFlight === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

// A target that answers wrongly would make its speed meaningless.
async function assertAnswers(target: Target): Promise<void> {
  const body = turnBodies()(0);
  const response = await fetch(`${target.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const answer = (await response.json()) as { reply?: string };

  if (response.status !== 200 || !answer.reply?.includes('$5,118.77')) {
    throw new Error(
      `${target.name} answered ${response.status} ${JSON.stringify(answer)}`,
    );
  }
}

function describe(r: GridResult): string {
  return (
    `${r.target.padEnd(11)} model ${String(r.modelMs).padStart(3)} ms ` +
    `c=${String(r.connections).padEnd(4)} ${String(r.perSecond).padStart(5)}/s ` +
    `p50 ${r.p50} p99 ${r.p99} max ${r.max} ms (in process p50 ` +
    `${r.serverP50} p99 ${r.serverP99}), failed ${r.failed}, ` +
    `unfinished ${r.unfinished}, ` +
    `loop max ${r.loopDelayMaxMs} ms, ` +
    `${r.modelConnections} conns/${r.modelRequests} model reqs`
  );
}
