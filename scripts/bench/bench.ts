// `npm run bench [-- --quick] [-- --only grid,hang,memory,replay]`: the
// performance benchmark. Prints each figure as it is measured, then writes
// the tables and plots into BENCHMARKS.md (its generated part only) and
// docs/bench/; --only reruns some points and keeps the others' figures from
// docs/bench/latest.json. A --quick run prints only, unless --write.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { FULL_PLAN, QUICK_PLAN, type BenchPlan } from './bench-plan.js';
import { startModelServer } from './bench-processes.js';
import { benchReport } from './bench-report.js';
import { runGrid, type GridResult } from './grid-point.js';
import { runHang, type HangResult } from './hang-point.js';
import { latencyPlot } from './latency-plot.js';
import { runMemory, type MemoryResult } from './memory-point.js';
import { runReplay, type ReplayResult } from './replay-point.js';
import { writeGeneratedSection } from './write-benchmarks.js';

const POINTS = ['grid', 'hang', 'memory', 'replay'];
const LATEST = 'docs/bench/latest.json';

type SavedResults = {
  at: string;
  /** When each point was measured. */
  dates: Record<string, string>;
  grid: GridResult[];
  hang?: HangResult;
  memory?: MemoryResult;
  replay: ReplayResult[];
};

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: POINTS.join(',') },
    write: { type: 'boolean' },
  },
});
const plan = values.quick ? QUICK_PLAN : FULL_PLAN;
const only = new Set(values.only.split(','));
const write = values.write ?? !values.quick;
const log = (line: string) => process.stdout.write(`${line}\n`);

const started = new Date();
const loadAverage = loadavg()
  .map((n) => n.toFixed(2))
  .join(', ');
const model = await startModelServer();
try {
  const earlier = write ? readEarlier() : undefined;
  const measuredAt: Record<string, string> = {};
  const keep = <T>(point: string, value: T): T => {
    const at = earlier?.dates?.[point] ?? earlier?.at;
    if (at) measuredAt[point] = at;
    return value;
  };
  const grid = only.has('grid')
    ? await runGrid(plan, model, log)
    : keep('grid', earlier?.grid ?? []);
  const hang = only.has('hang')
    ? await runHang(plan, model, log)
    : keep('hang', earlier?.hang);
  const memory = only.has('memory')
    ? await runMemory(plan, model, log)
    : keep('memory', earlier?.memory);
  const replay = only.has('replay')
    ? await runReplay(plan, model, log)
    : keep('replay', earlier?.replay ?? []);
  const date = started.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

  const plots = plan.grid.map((row) => ({
    file: `docs/bench/latency-${row.modelMs}ms.svg`,
    svg: latencyPlot(grid, row.modelMs),
  }));
  const report = benchReport({
    command: `npm run bench${values.quick ? ' -- --quick' : ''}`,
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim()})`,
    node: process.version,
    date,
    measuredAt: Object.keys(measuredAt).length > 0 ? measuredAt : undefined,
    loadAverage,
    plan: describePlan(plan),
    grid,
    hang,
    memory,
    replay,
    plots: plots.map((plot) => plot.file),
  });

  log(`\n${report}\n`);
  if (write) {
    mkdirSync('docs/bench', { recursive: true });
    for (const plot of plots) writeFileSync(plot.file, plot.svg);
    writeFileSync(
      LATEST,
      `${JSON.stringify(
        {
          at: date,
          dates: { ...fresh(date), ...measuredAt },
          grid,
          hang,
          memory,
          replay,
        },
        null,
        2,
      )}\n`,
    );
    writeGeneratedSection('BENCHMARKS.md', report);
    log('wrote BENCHMARKS.md and docs/bench/');
  }
  log(`took ${Math.round((Date.now() - started.getTime()) / 1000)} s`);
} finally {
  model.stop();
}

function fresh(date: string): Record<string, string> {
  return Object.fromEntries(POINTS.map((point) => [point, date]));
}

// With --only, the points not run keep the figures of the last written run.
function readEarlier(): Partial<SavedResults> | undefined {
  if (!existsSync(LATEST)) return undefined;
  return JSON.parse(readFileSync(LATEST, 'utf8')) as Partial<SavedResults>;
}

function describePlan(p: BenchPlan): string {
  return (
    `Each load point: ${p.warmSec} s warm-up, then ${p.pointSec} s measured ` +
    `in rounds that take the targets in turn (${p.grid.map((r) => `${r.rounds} at ${r.modelMs} ms`).join(', ')}; short, to keep a ` +
    `full run near ten minutes); latencies are every response's own ` +
    `high-resolution time, at the load generator and inside the webhook.`
  );
}
