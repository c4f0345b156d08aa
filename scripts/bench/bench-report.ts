import type { GridResult } from './grid-point.js';
import type { HangResult } from './hang-point.js';
import { trendMb, type MemoryResult } from './memory-point.js';
import type { ReplayResult } from './replay-point.js';

export type BenchResults = Readonly<{
  /** When each point was measured, if not all in this run. */
  measuredAt?: Readonly<Record<string, string>>;
  command: string;
  machine: string;
  node: string;
  date: string;
  loadAverage: string;
  plan: string;
  grid: GridResult[];
  hang?: HangResult;
  memory?: MemoryResult;
  replay: ReplayResult[];
  plots: readonly string[];
}>;

// RSS after a full GC moves by a few MB between idle samples on its own.
const MEMORY_NOISE_MB = 10;
// The heap after a full GC is exact; a megabyte covers caches settling.
const HEAP_NOISE_MB = 1;

/** The generated part of BENCHMARKS.md: setup, targets, then every table. */
export function benchReport(results: BenchResults): string {
  return [
    `Command: \`${results.command}\`. Machine: ${results.machine}. ` +
      `Node ${results.node}. Run ${results.date}; load average at the ` +
      `start ${results.loadAverage} (other work shares this machine). ` +
      `${results.plan}` +
      (results.measuredAt
        ? ` Points from earlier runs: ${Object.entries(results.measuredAt)
            .map(([point, at]) => `${point} (${at})`)
            .join(', ')}.`
        : ''),
    '### Targets',
    targetsTable(results),
    ...results.plots.map((plot) => `![latency against concurrency](${plot})`),
    '### Overhead and throughput',
    gridTable(results.grid),
    '### Request prefix and keep-alive',
    prefixTable(results),
    ...(results.hang ? ['### Hanging model', hangTable(results.hang)] : []),
    ...(results.memory ? ['### Memory', memoryTable(results.memory)] : []),
    ...(results.replay.length > 0
      ? ['### Dialogue replay', replayTable(results.replay)]
      : []),
  ].join('\n\n');
}

type Check = { target: string; measured: string; met: boolean | undefined };

function targetsTable(results: BenchResults): string {
  const at = (target: string, modelMs: number, c: number) =>
    results.grid.find(
      (r) =>
        r.target === target && r.modelMs === modelMs && r.connections === c,
    );
  const checks: Check[] = [];
  const one = [at('ours-plain', 0, 1), at('bare', 0, 1)];
  const fifty = ['ours-plain', 'bare', 'ai-sdk', 'agents', 'ours-direct'].map(
    (name) => at(name, 0, 50),
  );
  const slow = [at('ours-plain', 300, 200), at('bare', 300, 200)];

  if (one[0] && one[1]) {
    const extra = one[0].p50 - one[1].p50;
    const inside = one[0].serverP50 - one[1].serverP50;
    checks.push({
      target: 'c=1, 0 ms model: at most 1 ms more per turn than bare (p50)',
      measured:
        `${fmt(extra)} ms more (${one[0].p50} vs ${one[1].p50}); ` +
        `in process ${fmt(inside)} ms`,
      met: extra <= 1,
    });
  }
  const [ours, bare, ai, agents, direct] = fifty;
  if (ours && bare) {
    const share = ours.perSecond / bare.perSecond;
    const p99 = ours.p99 / bare.p99;
    checks.push(
      {
        target: 'c=50, 0 ms: at least 85% of bare throughput',
        measured: `${pct(share)} (${ours.perSecond} vs ${bare.perSecond}/s)`,
        met: share >= 0.85,
      },
      {
        target: 'c=50, 0 ms: p99 within 1.25x bare p99',
        measured: `${fmt(p99)}x (${ours.p99} vs ${bare.p99} ms)`,
        met: p99 <= 1.25,
      },
    );
  }
  if (ours && ai && agents) {
    const faster = Math.max(ai.perSecond, agents.perSecond);
    checks.push({
      target: 'c=50, 0 ms: at least 1.6x the faster framework',
      measured: `${fmt(ours.perSecond / faster)}x (${ours.perSecond} vs ${faster}/s)`,
      met: ours.perSecond / faster >= 1.6,
    });
  }
  if (slow[0] && slow[1]) {
    const ratio = slow[0].p99 / slow[1].p99;
    const answered = slow[0].requests > 0 && slow[1].requests > 0;
    checks.push({
      target: 'c=200, 300 ms model: p99 within 10% of bare',
      measured: answered
        ? `${fmt(ratio)}x (${slow[0].p99} vs ${slow[1].p99} ms)`
        : `no answer inside the measured window (${slow[0].requests} vs ` +
          `${slow[1].requests} answers)`,
      met: answered && ratio <= 1.1,
    });
  }
  if (direct && bare) {
    checks.push({
      target: 'direct reply beats bare throughput (c=50, 0 ms)',
      measured: `${direct.perSecond} vs ${bare.perSecond}/s`,
      met: direct.perSecond > bare.perSecond,
    });
  }
  if (results.hang) {
    const h = results.hang;
    checks.push(
      {
        target: `hanging model, c=${h.connections}: every answer within budget + 50 ms`,
        measured:
          `max ${h.max} ms for a ${h.budgetMs} ms budget, ${h.failed} ` +
          'failed (answers on open connections)',
        met: h.withinBudget,
      },
      {
        target: `the same, first answer on each of ${h.connections} connections opened at once`,
        measured: `max ${h.firstMax} ms (waits for the server to accept it)`,
        met: h.firstMax <= h.budgetMs + 50,
      },
    );
  }
  if (results.memory) {
    const m = results.memory;
    const first = m.checkpoints[0];
    const last = m.checkpoints.at(-1);
    const heapGrowth = first && last ? last.heapUsedMb - first.heapUsedMb : 0;
    const rssTrend = trendMb(m.checkpoints, (c) => c.rssMb, m.turns);
    checks.push({
      target:
        `no memory growth after ${m.turns} turns beyond noise ` +
        `(heap ${HEAP_NOISE_MB} MB, RSS trend ${MEMORY_NOISE_MB} MB)`,
      measured:
        `heap ${signed(heapGrowth)} MB after GC; RSS trend ` +
        `${signed(rssTrend)} MB over ${m.turns} turns`,
      met: heapGrowth <= HEAP_NOISE_MB && rssTrend <= MEMORY_NOISE_MB,
    });
  }

  return table(
    ['target', 'measured', 'met'],
    checks.map((c) => [c.target, c.measured, c.met ? 'yes' : 'NO']),
  );
}

function gridTable(grid: readonly GridResult[]): string {
  return table(
    [
      'model',
      'calls',
      'target',
      'turns/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'first answer max ms',
      'in-process p50',
      'in-process p99',
      'failed',
      'unfinished',
      'loop max ms',
    ],
    grid.map((r) => [
      `${r.modelMs} ms`,
      String(r.connections),
      r.target,
      String(r.perSecond),
      fmt(r.p50),
      fmt(r.p90),
      fmt(r.p99),
      fmt(r.max),
      fmt(r.firstMax),
      fmt(r.serverP50),
      fmt(r.serverP99),
      String(r.failed),
      String(r.unfinished),
      fmt(r.loopDelayMaxMs),
    ]),
  );
}

function prefixTable(results: BenchResults): string {
  const rows = [
    ...results.grid.map((r) => ({
      label: `${r.target}, ${r.modelMs} ms, c=${r.connections}`,
      ...r,
    })),
    ...results.replay.map((r) => ({
      label: `replay ${r.target}`,
      prefix: r.prefix,
      modelRequests: r.modelCalls,
      modelConnections: undefined,
    })),
  ];
  return table(
    [
      'run',
      'model requests',
      'new connections',
      'distinct hashes of first 1 KiB',
      'identical leading bytes',
      'prompt ends at byte',
    ],
    rows.map((r) => [
      r.label,
      String(r.modelRequests),
      r.modelConnections === undefined ? '-' : String(r.modelConnections),
      String(r.prefix.distinctHashes),
      String(r.prefix.stableBytes),
      String(r.prefix.promptEndsAt),
    ]),
  );
}

function hangTable(h: HangResult): string {
  return table(
    [
      'calls',
      'budget ms',
      'answers',
      'p50 ms',
      'p99 ms',
      'max ms',
      'first answer max ms',
      'failed',
    ],
    [
      [
        h.connections,
        h.budgetMs,
        h.requests,
        h.p50,
        h.p99,
        h.max,
        h.firstMax,
        h.failed,
      ].map(String),
    ],
  );
}

function memoryTable(m: MemoryResult): string {
  const rest = m.checkpoints.map((c) => [
    c.turns === 0
      ? `after warm-up (${m.warmTurns} turns)`
      : `+${c.turns} turns`,
    fmt(c.rssMb),
    fmt(c.heapUsedMb),
  ]);
  return (
    table(
      ['moment (at rest, after a full GC)', 'RSS MB', 'heap used MB'],
      [
        ['at start', fmt(m.started.rssMb), fmt(m.started.heapUsedMb)],
        ...rest,
        [`highest RSS while running`, fmt(m.duringMaxRssMb), '-'],
      ],
    ) +
    `\n\n${m.turns} turns of the direct-reply balance lookup (0 ms model) at ` +
    `${m.connections} concurrent calls, ${m.perSecond} turns/s.`
  );
}

function replayTable(replay: readonly ReplayResult[]): string {
  return table(
    [
      'target',
      'dialogues',
      'turns',
      'balance turns',
      'model calls',
      'calls a turn',
      'replies',
      'dialogue p50 ms',
      'dialogue mean ms',
      'turn p50 ms',
      'turn p99 ms',
    ],
    replay.map((r) => [
      r.target,
      String(r.dialogues),
      String(r.turns),
      String(r.balanceTurns),
      String(r.modelCalls),
      (r.modelCalls / r.turns).toFixed(2),
      String(r.replied),
      String(r.dialogueMsP50),
      String(r.dialogueMsMean),
      String(r.turnMsP50),
      String(r.turnMsP99),
    ]),
  );
}

function table(head: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function signed(mb: number): string {
  return `${mb >= 0 ? '+' : ''}${fmt(mb)}`;
}
