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
  latencies: number[];
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
  /** Answers that were not 200, plus errors and timeouts. */
  failed: number;
  /** Still waiting when a run ended: their latency is not in the figures. */
  unfinished: number;
}>;

/**
 * Drives the webhook with autocannon. Latencies come from every response's
 * own high-resolution duration, not autocannon's whole-millisecond histogram,
 * so sub-millisecond differences stay visible.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSample> {
  let next = 0;
  const latencies: number[] = [];
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
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms);
    if (status !== 200) notOk += 1;
  });

  const result = await done;
  return {
    latencies,
    failed: notOk + result.errors,
    unfinished: Math.max(0, result.requests.sent - latencies.length),
    seconds: result.duration || 1,
  };
}

/** Percentiles and throughput over several runs at one concurrency. */
export function summarize(
  samples: readonly LoadSample[],
  connections: number,
): LoadResult {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const at = (q: number) => round(percentile(latencies, q));

  return {
    connections,
    requests: latencies.length,
    perSecond: Math.round(latencies.length / (seconds || 1)),
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(latencies.at(-1) ?? 0),
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
