import { describe, expect, it } from 'vitest';
import { TurnMetrics } from '../../src/telemetry/turn-metrics.js';
import type { TurnSummary } from '../../src/turn/turn-types.js';
import { sampleValue } from '../support/prometheus-text.js';

function summary(overrides: Partial<TurnSummary> = {}): TurnSummary {
  return {
    assistant: 'banking',
    durationMs: 5,
    steps: 0,
    modelCalls: [],
    toolCalls: [],
    replied: false,
    ...overrides,
  };
}

describe('TurnMetrics', () => {
  it('publishes how often Redis was unreachable and whether it is up now', async () => {
    const metrics = new TurnMetrics({ defaultMetrics: false });
    let stats = { redisUnavailableTotal: 3, redisUp: false };
    metrics.watchCalls(() => stats);

    const during = await metrics.registry.metrics();
    stats = { redisUnavailableTotal: 5, redisUp: true };
    const after = await metrics.registry.metrics();

    expect(sampleValue(during, 'webhook_redis_unavailable_total', {})).toBe(3);
    expect(sampleValue(during, 'webhook_redis_up', {})).toBe(0);
    expect(sampleValue(after, 'webhook_redis_unavailable_total', {})).toBe(5);
    expect(sampleValue(after, 'webhook_redis_up', {})).toBe(1);
  });

  it('counts a turn refused for overload, which never ran a step', async () => {
    const metrics = new TurnMetrics({ defaultMetrics: false });

    metrics.recordTurn(
      summary({ fallback: { reason: 'overload', detail: 'too many turns' } }),
    );

    const text = await metrics.registry.metrics();
    expect(
      sampleValue(text, 'webhook_fallbacks_total', { reason: 'overload' }),
    ).toBe(1);
    expect(
      sampleValue(text, 'webhook_turn_duration_seconds_count', {
        outcome: 'fallback',
      }),
    ).toBe(1);
  });

  it('counts cached tokens apart from input tokens', async () => {
    const metrics = new TurnMetrics({ defaultMetrics: false });
    const call = { step: 1, durationMs: 40, finishReason: 'stop' };

    metrics.recordTurn(
      summary({
        modelCalls: [
          { ...call, tokensIn: 1000, tokensOut: 30, cachedTokens: 896 },
        ],
      }),
    );

    const text = await metrics.registry.metrics();
    const tokens = (kind: string) =>
      sampleValue(text, 'webhook_model_tokens_total', { kind });
    expect([tokens('in'), tokens('out'), tokens('cached')]).toEqual([
      1000, 30, 896,
    ]);
  });

  it('counts a turn in flight once even when its end is reported twice', () => {
    const metrics = new TurnMetrics({ defaultMetrics: false });

    const ended = metrics.turnStarted();
    metrics.turnStarted();
    ended();
    ended();

    expect(metrics.turnsInFlight()).toBe(1);
  });

  it('puts the turn duration into seconds buckets', async () => {
    const metrics = new TurnMetrics({ defaultMetrics: false });

    metrics.recordTurn(summary({ durationMs: 400, replied: true }));

    const text = await metrics.registry.metrics();
    const bucket = (le: string) =>
      sampleValue(text, 'webhook_turn_duration_seconds_bucket', {
        outcome: 'reply',
        le,
      });
    expect([bucket('0.25'), bucket('0.5')]).toEqual([0, 1]);
  });
});
