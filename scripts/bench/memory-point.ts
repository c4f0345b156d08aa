import type { BenchPlan } from './bench-plan.js';
import { turnBodies } from './bench-data.js';
import { startTarget, type ModelServer } from './bench-processes.js';
import type { TargetStats } from './serve-target.js';
import { runLoad, summarize } from './run-load.js';

export type MemoryResult = Readonly<{
  turns: number;
  connections: number;
  perSecond: number;
  started: TargetStats;
  warm: TargetStats;
  duringMaxRssMb: number;
  after: TargetStats;
}>;

/**
 * RSS and heap of the webhook at start, after a warm-up, at most
 * during many turns, and after them (each at rest, after a full GC).
 */
export async function runMemory(
  plan: BenchPlan,
  model: ModelServer,
  log: (line: string) => void,
): Promise<MemoryResult> {
  const { warmTurns, turns, connections } = plan.memory;
  await model.set({ latencyMs: 0, hang: false });
  // The direct-reply loop, for the most turns a second on this machine.
  const target = await startTarget('ours-direct', model, 8000);
  const load = { url: target.url, connections, bodies: turnBodies() };

  try {
    const started = await atRest(target.command);
    await runLoad({ ...load, amount: warmTurns });
    const warm = await atRest(target.command);

    let duringMaxRssMb = 0;
    const sampler = setInterval(() => {
      void target.command('stats').then((stats) => {
        duringMaxRssMb = Math.max(duringMaxRssMb, stats.rssMb);
      });
    }, 500);
    const sample = await runLoad({ ...load, amount: turns }).finally(() =>
      clearInterval(sampler),
    );
    const run = summarize([sample], connections);
    const after = await atRest(target.command);

    log(
      `memory over ${turns} turns: rss ${started.rssMb} -> ${warm.rssMb} ` +
        `(warm) -> max ${duringMaxRssMb} -> ${after.rssMb} MB; heap ` +
        `${warm.heapUsedMb} -> ${after.heapUsedMb} MB`,
    );
    return {
      turns: run.requests,
      connections,
      perSecond: run.perSecond,
      started,
      warm,
      duringMaxRssMb,
      after,
    };
  } finally {
    await target.stop();
  }
}

async function atRest(
  command: (type: 'gc' | 'stats') => Promise<TargetStats>,
): Promise<TargetStats> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await command('gc');
  return command('gc');
}
