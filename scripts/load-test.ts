import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

// A few hundred calls at once against the webhook, while the model provider
// is sick: half its answers are errors, a quarter are slow, a quarter never
// come. Every answer must still arrive within the budget plus 100 ms, none
// may be a 5xx, and the heap must come back to where it started.
//   npm run load            (only 127.0.0.1; under two minutes)
const BUDGET_MS = 1500;
const CONNECTIONS = 300;
const REQUESTS = 1800;
// Open-loop: new turns arrive at this rate whether or not earlier ones have
// been answered, as calls do. With turns lasting up to the budget, a few
// hundred are in flight at once; a closed loop at full speed would instead
// measure how long the 2-core machine queues requests before reading them.
const TURNS_PER_SECOND = 60;
const SLACK_MS = 100;
const TOKEN = 'load-test-token-0123456789';

type Heap = Readonly<{
  heapMb: number;
  rssMb: number;
  /** The event loop's longest pause since the last reading. */
  lagMaxMs: number;
}>;

// Two runs against the same sick provider: as shipped, where the circuit
// breaker soon stops calling it; and with the breaker held shut, so that
// every turn meets the provider's errors, slowness and silence.
const SCENARIOS: Array<{ name: string; env: Record<string, string> }> = [
  { name: 'breaker as shipped', env: {} },
  {
    name: 'breaker held shut: every turn calls the provider',
    env: { MODEL_BREAKER_FAILURES: '1000' },
  },
];

async function main(): Promise<void> {
  const sections: string[] = [];
  let passed = true;

  for (const scenario of SCENARIOS) {
    const run = await runScenario(scenario.env);
    sections.push(`### ${scenario.name}\n\n${run.table}`);
    passed &&= run.passed;
  }

  const figures = [describeRun(), ...sections].join('\n\n');
  process.stdout.write(`${figures}\n`);
  writeBenchmark(figures);
  process.exitCode = passed ? 0 : 1;
}

async function runScenario(env: Record<string, string>) {
  // The same seed every run, so every run meets the same sick provider.
  const model = await startModel(42);
  const webhook = await startWebhook({
    OPENAI_BASE_URL: model.baseURL,
    BANK_DB: ':memory:',
    TURN_BUDGET_MS: String(BUDGET_MS),
    WEBHOOK_TOKEN: TOKEN,
    ...env,
  });

  await fire(webhook.url, 200, 50);
  const baseline = await webhook.heap();
  webhook.turns.reset();

  const result = await fire(webhook.url, REQUESTS, CONNECTIONS);
  await new Promise((resolve) => setTimeout(resolve, BUDGET_MS + 500));
  const after = await webhook.heap();

  await webhook.stop();
  await model.close();

  const turns = webhook.turns.read();
  webhook.turns.remove();
  const turnLines = Object.values(turns.byOutcome).reduce((a, b) => a + b, 0);
  const passed =
    // Every request must have been a turn of its own, or the figures
    // measure something else (duplicates answered from memory, say).
    turnLines === REQUESTS &&
    result.latency.max <= BUDGET_MS + SLACK_MS &&
    result['5xx'] === 0 &&
    result.errors === 0 &&
    after.heapMb <= baseline.heapMb * 1.2 + 2;
  return { table: report(result, turns, baseline, after), passed };
}

async function startModel(seed: number) {
  const child = fork('scripts/load-model.ts', [String(seed)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { baseURL } = await nextMessage<{ baseURL: string }>(child);

  return {
    baseURL,
    close: () => {
      child.send('stop');
      return new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function startWebhook(env: Record<string, string>) {
  const logFile = join(tmpdir(), `load-webhook-${process.pid}.log`);
  const child = fork('scripts/load-webhook.ts', [logFile], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const turns = countTurns(logFile);
  const { port } = await nextMessage<{ port: number }>(child);

  return {
    url: `http://127.0.0.1:${port}/webhook`,
    turns,
    heap: () => {
      child.send('heap');
      return nextMessage<Heap>(child);
    },
    stop: () => {
      child.send('stop');
      return new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', resolve as never));
}

let callNumber = 0;

function fire(
  url: string,
  amount: number,
  connections: number,
  overallRate = TURNS_PER_SECOND,
) {
  return autocannon({
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
    },
    // A call of its own for every request: the same body twice would be a
    // duplicate delivery, answered from the first without the provider.
    requests: [{ setupRequest: (request) => ({ ...request, body: turn() }) }],
    amount,
    connections,
    overallRate,
    timeout: 10,
  });
}

function turn(): string {
  callNumber += 1;
  return JSON.stringify({
    call_id: `call_load_${callNumber}`,
    assistant_id: 'asst_load',
    utterance: 'What is my checking balance?',
    state: { authenticated: true, userId: 'cust_amira', crm: { tier: 'gold' } },
    context: [{ role: 'assistant', content: 'Hello, how can I help?' }],
    timestamp: '2024-01-15T10:30:00Z',
  });
}

// Reads the webhook's log lines: turns by outcome, and the longest turn as
// the webhook itself measured it, from arrival to answer.
function countTurns(logFile: string) {
  let skipped = 0;
  const read = () => {
    const byOutcome: Record<string, number> = {};
    let longestMs = 0;
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);

    for (const line of lines.slice(skipped)) {
      const entry = JSON.parse(line) as {
        msg: string;
        fallback?: { reason: string };
        duration_ms?: number;
      };
      if (!entry.msg.startsWith('turn ')) continue;

      const key = entry.fallback?.reason ?? 'answered';
      byOutcome[key] = (byOutcome[key] ?? 0) + 1;
      longestMs = Math.max(longestMs, entry.duration_ms ?? 0);
    }
    return { byOutcome, longestMs, lines: lines.length };
  };
  return {
    read,
    /** Leaves out the lines written so far, the warm-up's. */
    reset: () => (skipped = read().lines),
    remove: () => rmSync(logFile, { force: true }),
  };
}

function describeRun(): string {
  return [
    `Command: \`npm run load\` (${REQUESTS} turns arriving at ` +
      `${TURNS_PER_SECOND}/s over ${CONNECTIONS} connections, budget ` +
      `${BUDGET_MS} ms, webhook, provider and load generator each in a process of its own)`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ` +
      'shared with other work',
    'Provider: 50 % errors (500/502/503/429), 25 % slow (0-2.5 s), ' +
      '25 % never answers',
  ].join('\n');
}

function report(
  result: autocannon.Result,
  turns: ReturnType<ReturnType<typeof countTurns>['read']>,
  baseline: Heap,
  after: Heap,
): string {
  const mb = (value: number) => `${value.toFixed(1)} MB`;
  const lines = [
    '| figure | value |',
    '| --- | --- |',
    `| answers | ${result['2xx']} × 200, ${result['4xx']} × 4xx, ` +
      `${result['5xx']} × 5xx, ${result.errors} errors, ` +
      `${result.timeouts} timeouts |`,
    `| latency p50 / p99 / max | ${result.latency.p50} / ` +
      `${result.latency.p99} / ${result.latency.max} ms ` +
      `(limit ${BUDGET_MS + SLACK_MS} ms) |`,
    `| longest turn inside the webhook | ${turns.longestMs} ms |`,
    `| longest event-loop pause in the webhook | ${Math.round(after.lagMaxMs)} ms |`,
    `| turns by outcome | ${Object.entries(turns.byOutcome)
      .map(([key, count]) => `${key} ${count}`)
      .join(', ')} |`,
    `| heap after warm-up / after load | ${mb(baseline.heapMb)} / ` +
      `${mb(after.heapMb)} |`,
    `| rss after warm-up / after load | ${mb(baseline.rssMb)} / ` +
      `${mb(after.rssMb)} |`,
    `| throughput | ${Math.round(result.requests.average)} turns/s |`,
  ];
  return lines.join('\n');
}

function writeBenchmark(figures: string): void {
  const file = 'BENCHMARKS.md';
  const heading = '## Load under a sick provider';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }

  const section = `${heading}\n\n${figures}\n`;
  const start = text.indexOf(heading);
  if (start < 0) {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  const rest = next < 0 ? '' : text.slice(next);
  writeFileSync(file, `${text.slice(0, start)}${section}${rest}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
