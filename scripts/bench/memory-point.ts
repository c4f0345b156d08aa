import type { BenchPlan } from './bench-plan.js';
import { turnBodies } from './bench-data.js';
import { startTarget, type ModelServer } from './bench-processes.js';
import type { TargetStats } from './serve-target.js';
import { runLoad, summarize } from './run-load.js';

/** RSS and heap at rest (after a full GC) once `turns` turns were answered. */
export type MemoryCheckpoint = Readonly<{
  turns: number;
  rssMb: number;
  heapUsedMb: number;
}>;

export type MemoryResult = Readonly<{
  turns: number;
  connections: number;
  perSecond: number;
  started: TargetStats;
  warmTurns: number;
  /** The first one is right after the warm-up. */
  checkpoints: readonly MemoryCheckpoint[];
  duringMaxRssMb: number;
}>;

/**
 * RSS and heap of the webhook at rest after a warm-up, then after every
 * `checkEvery` of many more turns. The warm-up is long enough for the call
 * coordinator's memory to reach its cap, so what it holds by design is not
 * read as growth. Resident memory moves by tens of megabytes between two
 * readings at rest (the allocator keeps and returns pages as it likes), so
 * a leak shows as a trend over the checkpoints, and most clearly in the
 * heap after a full GC, which is exact.
 */
export async function runMemory(
  plan: BenchPlan,
  model: ModelServer,
  log: (line: string) => void,
): Promise<MemoryResult> {
  const { warmTurns, turns, checkEvery, connections } = plan.memory;
  await model.set({ latencyMs: 0, hang: false });
  // The direct-reply loop, for the most turns a second on this machine.
  const target = await startTarget('ours-direct', model, 8000);
  const load = { url: target.url, connections, bodies: turnBodies() };

  // Sampled only while turns run: a reading at rest must be the only
  // request in flight, or it may receive the sampler's answer instead.
  let duringMaxRssMb = 0;
  const sampled = async <T>(work: Promise<T>): Promise<T> => {
    const sampler = setInterval(() => {
      void target.command('stats').then((stats) => {
        duringMaxRssMb = Math.max(duringMaxRssMb, stats.rssMb);
      });
    }, 500);
    try {
      return await work;
    } finally {
      // A reading at rest waits a second first: the last answer is in by then.
      clearInterval(sampler);
    }
  };

  try {
    const started = await atRest(target.command);
    await sampled(runLoad({ ...load, amount: warmTurns }));
    const checkpoints = [checkpoint(0, await atRest(target.command))];

    const samples = [];
    for (let done = 0; done < turns; done += checkEvery) {
      samples.push(await sampled(runLoad({ ...load, amount: checkEvery })));
      const stats = await atRest(target.command);
      checkpoints.push(checkpoint(done + checkEvery, stats));
      log(`memory after ${done + checkEvery} turns: ${describe(stats)}`);
    }
    const run = summarize(samples, connections);

    return {
      turns: run.requests,
      connections,
      perSecond: run.perSecond,
      started,
      warmTurns,
      checkpoints,
      duringMaxRssMb,
    };
  } finally {
    await target.stop();
  }
}

/** Megabytes per `turns` turns, by least squares over the checkpoints. */
export function trendMb(
  checkpoints: readonly MemoryCheckpoint[],
  pick: (c: MemoryCheckpoint) => number,
  turns: number,
): number {
  const n = checkpoints.length;
  if (n < 2) return 0;

  const meanX = checkpoints.reduce((sum, c) => sum + c.turns, 0) / n;
  const meanY = checkpoints.reduce((sum, c) => sum + pick(c), 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const c of checkpoints) {
    covariance += (c.turns - meanX) * (pick(c) - meanY);
    variance += (c.turns - meanX) ** 2;
  }
  return (covariance / variance) * turns;
}

function checkpoint(turns: number, stats: TargetStats): MemoryCheckpoint {
  return { turns, rssMb: stats.rssMb, heapUsedMb: stats.heapUsedMb };
}

function describe(stats: TargetStats): string {
  return `rss ${stats.rssMb} MB, heap ${stats.heapUsedMb} MB`;
}

async function atRest(
  command: (type: 'gc' | 'stats') => Promise<TargetStats>,
): Promise<TargetStats> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await command('gc');
  return command('gc');
}
