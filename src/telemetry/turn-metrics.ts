import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import type { TurnSummary } from '../turn/turn-types.js';

/** The call coordinator's counts, as metrics read them. */
export type CallStats = Readonly<{
  redisUnavailableTotal: number;
  redisUp: boolean;
}>;

// Seconds, around the platform's numbers: 500 ms is the target, 10 s the
// hard limit, so the buckets are finest below a second.
const TURN_BUCKETS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 10];
const CALL_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

/**
 * The webhook's Prometheus metrics, on a registry of its own (so several apps
 * can live in one process, as tests do), all derived from turn summaries:
 * whatever produced a summary, including a refusal to run the turn, counts.
 */
export class TurnMetrics {
  readonly registry = new Registry();

  private readonly turnDuration = new Histogram({
    name: 'webhook_turn_duration_seconds',
    help: 'Time from request to answer, by assistant and outcome',
    labelNames: ['assistant', 'outcome'],
    buckets: TURN_BUCKETS,
    registers: [this.registry],
  });

  private readonly modelCallDuration = new Histogram({
    name: 'webhook_model_call_duration_seconds',
    help: 'Duration of each model call, by assistant and outcome',
    labelNames: ['assistant', 'outcome'],
    buckets: CALL_BUCKETS,
    registers: [this.registry],
  });

  private readonly toolCallDuration = new Histogram({
    name: 'webhook_tool_call_duration_seconds',
    help: 'Duration of each tool call, by tool and outcome',
    labelNames: ['tool', 'outcome'],
    buckets: CALL_BUCKETS,
    registers: [this.registry],
  });

  private readonly fallbacks = new Counter({
    name: 'webhook_fallbacks_total',
    help: 'Turns answered with the state alone, by assistant and reason',
    labelNames: ['assistant', 'reason'],
    registers: [this.registry],
  });

  private readonly toolErrors = new Counter({
    name: 'webhook_tool_errors_total',
    help: 'Tool calls that did not succeed, by tool and outcome',
    labelNames: ['tool', 'outcome'],
    registers: [this.registry],
  });

  private readonly tokens = new Counter({
    name: 'webhook_model_tokens_total',
    help: 'Tokens the provider reported, by assistant and kind (in, out, cached)',
    labelNames: ['assistant', 'kind'],
    registers: [this.registry],
  });

  private inFlight = 0;

  private readonly inFlightGauge: Gauge = new Gauge({
    name: 'webhook_turns_in_flight',
    help: 'Turns being worked on right now',
    registers: [this.registry],
    collect: () => {
      this.inFlightGauge.set(this.inFlight);
    },
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry });
  }

  /** Counts a turn as started; call the returned function once it ends. */
  turnStarted(): () => void {
    this.inFlight++;
    let ended = false;

    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
    };
  }

  turnsInFlight(): number {
    return this.inFlight;
  }

  /** Records everything a finished turn's summary says. */
  recordTurn(summary: TurnSummary): void {
    const { assistant } = summary;

    this.turnDuration.observe(
      { assistant, outcome: turnOutcome(summary) },
      summary.durationMs / 1000,
    );
    if (summary.fallback)
      this.fallbacks.inc({ assistant, reason: summary.fallback.reason });

    for (const call of summary.modelCalls) {
      const outcome = call.error ?? call.finishReason ?? 'unknown';
      this.modelCallDuration.observe(
        { assistant, outcome },
        call.durationMs / 1000,
      );
      this.countTokens(assistant, 'in', call.tokensIn);
      this.countTokens(assistant, 'out', call.tokensOut);
      this.countTokens(assistant, 'cached', call.cachedTokens);
    }

    for (const call of summary.toolCalls) {
      const labels = { tool: call.name, outcome: call.outcome };
      this.toolCallDuration.observe(labels, call.durationMs / 1000);
      if (call.outcome !== 'ok') this.toolErrors.inc(labels);
    }
  }

  /**
   * Publishes what the call coordinator counts: store operations answered
   * from the process's own memory while Redis was unreachable, and whether
   * Redis is reachable now. Read when Prometheus scrapes.
   */
  watchCalls(stats: () => CallStats): void {
    let counted = 0;
    new Counter({
      name: 'webhook_redis_unavailable_total',
      help: 'Call store operations answered from memory while Redis was down',
      registers: [this.registry],
      collect() {
        const total = stats().redisUnavailableTotal;
        this.inc(Math.max(0, total - counted));
        counted = total;
      },
    });
    new Gauge({
      name: 'webhook_redis_up',
      help: '1 while the call store reaches Redis, 0 otherwise',
      registers: [this.registry],
      collect() {
        this.set(stats().redisUp ? 1 : 0);
      },
    });
  }

  private countTokens(assistant: string, kind: string, count?: number) {
    if (count) this.tokens.inc({ assistant, kind }, count);
  }
}

/** `reply`, `no_reply` (the platform's agent answers) or `fallback`. */
function turnOutcome(summary: TurnSummary): string {
  if (summary.fallback) return 'fallback';
  return summary.replied ? 'reply' : 'no_reply';
}
