// `npm run bench [-- --quick] [-- --only grid,hang,memory,replay]`: the
// performance benchmark. Prints each figure as it is measured; a full run
// then writes the tables and plots into BENCHMARKS.md (its generated part
// only) and docs/bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { FULL_PLAN, QUICK_PLAN, type BenchPlan } from './bench-plan.js';
import { startModelServer } from './bench-processes.js';
import { benchReport } from './bench-report.js';
import { runGrid } from './grid-point.js';
import { runHang } from './hang-point.js';
import { latencyPlot } from './latency-plot.js';
import { runMemory } from './memory-point.js';
import { runReplay } from './replay-point.js';
import { writeGeneratedSection } from './write-benchmarks.js';

const POINTS = ['grid', 'hang', 'memory', 'replay'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: POINTS.join(',') },
    write: { type: 'boolean' },
  },
});
const plan = values.quick ? QUICK_PLAN : FULL_PLAN;
const only = new Set(values.only.split(','));
const write = values.write ?? (!values.quick && only.size === POINTS.length);
const log = (line: string) => process.stdout.write(`${line}\n`);

const started = new Date();
const loadAverage = loadavg()
  .map((n) => n.toFixed(2))
  .join(', ');
const model = await startModelServer();
try {
  const grid = only.has('grid') ? await runGrid(plan, model, log) : [];
  const hang = only.has('hang') ? await runHang(plan, model, log) : undefined;
  const memory = only.has('memory')
    ? await runMemory(plan, model, log)
    : undefined;
  const replay = only.has('replay') ? await runReplay(plan, model, log) : [];

  const plots = plan.grid.map((row) => ({
    file: `docs/bench/latency-${row.modelMs}ms.svg`,
    svg: latencyPlot(grid, row.modelMs),
  }));
  const report = benchReport({
    command: `npm run bench${values.quick ? ' -- --quick' : ''}`,
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim()})`,
    node: process.version,
    date: started.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
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
      'docs/bench/latest.json',
      `${JSON.stringify({ grid, hang, memory, replay }, null, 2)}\n`,
    );
    writeGeneratedSection('BENCHMARKS.md', report);
    log('wrote BENCHMARKS.md and docs/bench/');
  }
  log(`took ${Math.round((Date.now() - started.getTime()) / 1000)} s`);
} finally {
  model.stop();
}

function describePlan(p: BenchPlan): string {
  return (
    `Each load point: ${p.warmSec} s warm-up, then ${p.pointSec} s measured ` +
    `in rounds that take the targets in turn (${p.grid.map((r) => `${r.rounds} at ${r.modelMs} ms`).join(', ')}; short, to keep a ` +
    `full run near ten minutes); latencies are every response's own ` +
    `high-resolution time, at the load generator and inside the webhook.`
  );
}
