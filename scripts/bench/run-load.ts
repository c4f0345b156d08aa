import autocannon from 'autocannon';

export type LoadOptions = Readonly<{
  url: string;
  connections: number;
  /** Seconds of load; ignored when `amount` is set. */
  durationSec?: number;
  /** Exactly this many requests, then stop. */
  amount?: number;
  /** The body of the `n`th request. */
  bodies: (n: number) => string;
}>;

/** The raw figures of one load run. */
export type LoadSample = Readonly<{
  /** Answers on a connection that had already been answered once. */
  latencies: number[];
  /** Each connection's first answer, which waited for the connection too. */
  firstLatencies: number[];
  failed: number;
  /** Sent but not answered when the run ended. */
  unfinished: number;
  seconds: number;
}>;

/** What one or more load runs measured, latencies in milliseconds. */
export type LoadResult = Readonly<{
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** The slowest first answer on a new connection (see `runLoad`). */
  firstMax: number;
  /** Answers that were not 200, plus errors and timeouts. */
  failed: number;
  /** Still waiting when a run ended: their latency is not in the figures. */
  unfinished: number;
}>;

/**
 * Drives the webhook with autocannon. Latencies come from every response's
 * own high-resolution duration, not autocannon's whole-millisecond histogram,
 * so sub-millisecond differences stay visible.
 *
 * Each connection's first answer is kept apart. autocannon opens all its
 * connections at once, and Node accepts one new connection per turn of its
 * event loop (libuv since 1.45), so on a busy server the first request of
 * the hundredth connection waits for ninety-nine loop turns before the
 * webhook even sees it. That measures opening connections in a burst, which
 * a platform keeping its connections alive does once, not answering turns.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSample> {
  let next = 0;
  const latencies: number[] = [];
  const firstLatencies: number[] = [];
  const answered = new WeakSet<object>();
  let notOk = 0;

  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: `${options.url}/webhook`,
      connections: options.connections,
      ...(options.amount
        ? { amount: options.amount }
        : { duration: options.durationSec ?? 5 }),
      timeout: 20,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            return { ...request, body: options.bodies(next++) };
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (client, status, _bytes, ms) => {
    if (answered.has(client)) latencies.push(ms);
    else {
      answered.add(client);
      firstLatencies.push(ms);
    }
    if (status !== 200) notOk += 1;
  });

  const result = await done;
  const answers = latencies.length + firstLatencies.length;
  return {
    latencies,
    firstLatencies,
    failed: notOk + result.errors,
    unfinished: Math.max(0, result.requests.sent - answers),
    seconds: result.duration || 1,
  };
}

/** Percentiles and throughput over several runs at one concurrency. */
export function summarize(
  samples: readonly LoadSample[],
  connections: number,
): LoadResult {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const firsts = samples.flatMap((s) => s.firstLatencies);
  const answers = latencies.length + firsts.length;
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const at = (q: number) => round(percentile(latencies, q));

  return {
    connections,
    requests: answers,
    perSecond: Math.round(answers / (seconds || 1)),
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(latencies.at(-1) ?? 0),
    firstMax: round(Math.max(0, ...firsts)),
    failed: samples.reduce((sum, s) => sum + s.failed, 0),
    unfinished: samples.reduce((sum, s) => sum + s.unfinished, 0),
  };
}

/** The value below which a share `q` of the sorted values lies. */
export function percentile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.floor(q * sorted.length));
  return sorted[index] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
