import type { BenchPlan } from './bench-plan.js';
import { turnBodies } from './bench-data.js';
import { startTarget, type ModelServer } from './bench-processes.js';
import { runLoad, summarize, type LoadResult } from './run-load.js';

export type HangResult = LoadResult &
  Readonly<{ budgetMs: number; withinBudget: boolean }>;

/**
 * The model accepts every request and never answers: each turn must still be
 * answered (with its state) within its budget plus 50 ms.
 */
export async function runHang(
  plan: BenchPlan,
  model: ModelServer,
  log: (line: string) => void,
): Promise<HangResult> {
  const { budgetMs, connections, seconds } = plan.hang;
  // As shipped: past the overload guard's cap a turn is answered at once.
  const target = await startTarget('ours-direct', model, budgetMs, {
    shedLoad: true,
  });
  await model.set({ hang: true });

  try {
    const sample = await runLoad({
      url: target.url,
      connections,
      durationSec: seconds,
      bodies: turnBodies(),
    });
    const load = summarize([sample], connections);
    const result = {
      ...load,
      budgetMs,
      withinBudget: load.failed === 0 && load.max <= budgetMs + 50,
    };
    log(
      `hanging model, c=${connections}, budget ${budgetMs} ms: ` +
        `${load.requests} answers, p50 ${load.p50} p99 ${load.p99} ` +
        `max ${load.max} ms, failed ${load.failed}`,
    );
    return result;
  } finally {
    await model.set({ hang: false });
    await target.stop();
  }
}
