import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ModelServerSettings } from './model-server.js';
import type { PrefixSummary } from './prefix-tracker.js';
import type { TargetCommand, TargetStats } from './serve-target.js';
import type { TargetName } from './bench-targets.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
// Run from source with tsx, or from the build without it.
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const LOADER = EXT === '.ts' ? ['--import', 'tsx'] : [];

export type ModelStats = Readonly<{
  requests: number;
  connections: number;
  prefix: PrefixSummary;
}>;

/** The local model server, a process of its own, and its control routes. */
export type ModelServer = Readonly<{
  /** The base URL a target uses; its requests are counted under its name. */
  baseURL: (target: string) => string;
  set: (settings: Partial<ModelServerSettings>) => Promise<void>;
  reset: () => Promise<void>;
  stats: (target: string) => Promise<ModelStats>;
  stop: () => void;
}>;

export async function startModelServer(): Promise<ModelServer> {
  const child = spawn(
    process.execPath,
    [...LOADER, here(`./model-server${EXT}`)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await firstLine(child);
  const { port } = JSON.parse(line) as { port: number };
  const root = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown = {}) => {
    await fetch(`${root}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  };

  return {
    baseURL: (target) => `${root}/t/${target}/v1`,
    set: (settings) => post('/__bench/settings', settings),
    reset: () => post('/__bench/reset'),
    stats: async (target) => {
      const response = await fetch(`${root}/__bench/stats?target=${target}`);
      return (await response.json()) as ModelStats;
    },
    stop: () => child.kill(),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`model server exited with ${code}`)),
    );
  });
}

/** One webhook under test in its own process. */
export type Target = Readonly<{
  name: TargetName;
  url: string;
  command: (type: TargetCommand['type']) => Promise<TargetStats>;
  stop: () => Promise<void>;
}>;

// Load points lift our overload guard's cap so every request runs a turn.
const EVERY_TURN = 100_000;

export async function startTarget(
  name: TargetName,
  model: ModelServer,
  budgetMs: number,
  { shedLoad = false } = {},
): Promise<Target> {
  const cap = shedLoad ? [] : [String(EVERY_TURN)];
  const child = fork(
    here(`./serve-target${EXT}`),
    [name, model.baseURL(name), String(budgetMs), ...cap],
    { execArgv: [...LOADER, '--expose-gc'], stdio: 'inherit' },
  );
  const { port } = await nextMessage<{ port: number }>(child);

  return {
    name,
    url: `http://127.0.0.1:${port}`,
    command: (type) => {
      const answer = nextMessage<TargetStats>(child);
      child.send({ type });
      return answer;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`target exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}
