import type { TargetName } from './bench-targets.js';
import type { BenchPlan } from './bench-plan.js';
import { turnBodies } from './bench-data.js';
import {
  startTarget,
  type ModelServer,
  type ModelStats,
  type Target,
} from './bench-processes.js';
import { runLoad, type LoadResult } from './run-load.js';

/** One target at one concurrency and model latency. */
export type GridResult = LoadResult &
  Readonly<{
    target: TargetName;
    modelMs: number;
    loopDelayMaxMs: number;
    modelRequests: number;
    modelConnections: number;
    prefix: ModelStats['prefix'];
  }>;

/**
 * Latency and throughput of every target at every concurrency the plan
 * names, against the same model server, one target process at a time.
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

    for (const name of row.targets) {
      const target = await startTarget(name, model.baseURL, 8000);
      await assertAnswers(target);

      for (const connections of row.connections) {
        const load = { url: target.url, connections, bodies };
        await runLoad({ ...load, durationSec: plan.warmSec });
        await model.reset();
        await target.command('reset');

        const measured = await runLoad({ ...load, durationSec: plan.pointSec });
        const modelStats = await model.stats();
        const targetStats = await target.command('stats');
        const result: GridResult = {
          ...measured,
          target: name,
          modelMs: row.modelMs,
          loopDelayMaxMs: targetStats.loopDelayMaxMs,
          modelRequests: modelStats.requests,
          modelConnections: modelStats.connections,
          prefix: modelStats.prefix,
        };
        results.push(result);
        log(describe(result));
      }
      await target.stop();
    }
  }

  return results;
}

// A target that answers wrongly would make its speed meaningless.
async function assertAnswers(target: Target): Promise<void> {
  const [body] = turnBodies();
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
    `p50 ${r.p50} p99 ${r.p99} max ${r.max} ms, failed ${r.failed}, ` +
    `loop max ${r.loopDelayMaxMs} ms, ` +
    `${r.modelConnections} conns/${r.modelRequests} model reqs`
  );
}
