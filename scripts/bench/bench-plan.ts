import type { TargetName } from './bench-targets.js';

/** How long and how hard each point of the benchmark runs. */
export type BenchPlan = Readonly<{
  warmSec: number;
  /** Measured seconds per target and concurrency, cut into rounds. */
  pointSec: number;
  /** Concurrency levels per model latency, and which targets run there. */
  grid: ReadonlyArray<{
    modelMs: number;
    /** Rounds short enough to stay fair, long enough for slow answers. */
    rounds: number;
    connections: readonly number[];
    targets: readonly TargetName[];
  }>;
  hang: Readonly<{ connections: number; budgetMs: number; seconds: number }>;
  memory: Readonly<{
    /** Enough for the call coordinator's memory to reach its cap. */
    warmTurns: number;
    turns: number;
    /** Turns between two readings at rest. */
    checkEvery: number;
    connections: number;
  }>;
  replay: Readonly<{ dialogues: number; parallel: number; modelMs: number }>;
}>;

const ALL: readonly TargetName[] = [
  'ours-plain',
  'ours-direct',
  'bare',
  'ai-sdk',
  'agents',
];

/** About ten minutes on two cores that do nothing else. */
export const FULL_PLAN: BenchPlan = {
  warmSec: 2,
  pointSec: 6,
  grid: [
    { modelMs: 0, rounds: 3, connections: [1, 50, 200], targets: ALL },
    { modelMs: 300, rounds: 1, connections: [50, 200, 1000], targets: ALL },
  ],
  hang: { connections: 1000, budgetMs: 1000, seconds: 8 },
  // The coordinator keeps the last 10,000 calls (CALLS_IN_MEMORY_MAX).
  memory: {
    warmTurns: 15_000,
    turns: 50_000,
    checkEvery: 10_000,
    connections: 50,
  },
  replay: { dialogues: 207, parallel: 50, modelMs: 300 },
};

/** A smoke run of every point in a minute or two; figures are rough. */
export const QUICK_PLAN: BenchPlan = {
  warmSec: 1,
  pointSec: 2,
  grid: [
    { modelMs: 0, rounds: 2, connections: [1, 50], targets: ALL },
    { modelMs: 300, rounds: 1, connections: [200], targets: ALL },
  ],
  hang: { connections: 1000, budgetMs: 1000, seconds: 3 },
  memory: {
    warmTurns: 1_000,
    turns: 4_000,
    checkEvery: 2_000,
    connections: 50,
  },
  replay: { dialogues: 30, parallel: 15, modelMs: 300 },
};
