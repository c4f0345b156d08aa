import { describe, expect, it } from 'vitest';
import type { Model, ModelRequest } from '../../src/turn/call-model.js';
import {
  ModelCircuitBreaker,
  withCircuitBreaker,
} from '../../src/turn/model-circuit-breaker.js';
import { TurnBudget } from '../../src/turn/turn-budget.js';
import {
  TurnFailure,
  type FallbackReason,
} from '../../src/turn/turn-failure.js';

function breakerWithClock(failures = 3, cooldownMs = 1000) {
  let now = 0;
  const breaker = new ModelCircuitBreaker({
    failures,
    cooldownMs,
    now: () => now,
  });
  return { breaker, advance: (ms: number) => (now += ms) };
}

function fail(breaker: ModelCircuitBreaker, times: number) {
  for (let i = 0; i < times; i++) {
    breaker.admit();
    breaker.failed();
  }
}

describe('ModelCircuitBreaker', () => {
  it('stays closed below the number of failures in a row', () => {
    const { breaker } = breakerWithClock();

    fail(breaker, 2);

    expect(breaker.state).toBe('closed');
    expect(breaker.admit()).toBe(true);
  });

  it('opens after that many failures in a row and refuses at once', () => {
    const { breaker } = breakerWithClock();

    fail(breaker, 3);

    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe(false);
  });

  it('counts only failures in a row: a success starts the count again', () => {
    const { breaker } = breakerWithClock();

    fail(breaker, 2);
    breaker.succeeded();
    fail(breaker, 2);

    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one probe through once the cool-down is over', () => {
    const { breaker, advance } = breakerWithClock();
    fail(breaker, 3);

    advance(999);
    expect(breaker.admit()).toBe(false);
    advance(1);

    expect(breaker.admit()).toBe(true);
    expect(breaker.admit()).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { breaker, advance } = breakerWithClock();
    fail(breaker, 3);
    advance(1000);
    breaker.admit();

    breaker.succeeded();

    expect(breaker.state).toBe('closed');
    expect(breaker.admit()).toBe(true);
  });

  it('opens for a whole new cool-down when the probe fails', () => {
    const { breaker, advance } = breakerWithClock();
    fail(breaker, 3);
    advance(1000);
    breaker.admit();

    breaker.failed();
    advance(999);

    expect(breaker.admit()).toBe(false);
    expect(breaker.remainingCooldownMs()).toBe(1);
  });
});

describe('withCircuitBreaker', () => {
  const request = {} as ModelRequest;
  const budget = new TurnBudget(1000);

  function failingModel(cause: unknown, reason: FallbackReason) {
    return {
      call: async () => {
        throw new TurnFailure(reason, 'failed', { cause });
      },
    } satisfies Model;
  }

  async function callTimes(model: Model, times: number) {
    for (let i = 0; i < times; i++) {
      await model.call(request, budget).catch(() => undefined);
    }
  }

  it('counts provider errors and timeouts against the provider', async () => {
    const { breaker } = breakerWithClock(2);

    await callTimes(
      withCircuitBreaker(failingModel({ status: 503 }, 'model_error'), breaker),
      1,
    );
    await callTimes(
      withCircuitBreaker(failingModel(undefined, 'budget'), breaker),
      1,
    );

    expect(breaker.state).toBe('open');
  });

  it('does not count a request the provider refused as wrong', async () => {
    const { breaker } = breakerWithClock(2);
    const model = withCircuitBreaker(
      failingModel({ status: 400 }, 'model_error'),
      breaker,
    );

    await callTimes(model, 5);

    expect(breaker.state).toBe('closed');
  });

  it('fails at once with model_error while open, without calling the model', async () => {
    const { breaker } = breakerWithClock(1);
    let calls = 0;
    const model = withCircuitBreaker(
      {
        call: async () => {
          calls += 1;
          throw new TurnFailure('model_error', 'down', {
            cause: { status: 500 },
          });
        },
      },
      breaker,
    );
    await callTimes(model, 1);

    const attempt = model.call(request, budget);

    await expect(attempt).rejects.toMatchObject({
      reason: 'model_error',
      message: expect.stringContaining('circuit open'),
    });
    expect(calls).toBe(1);
  });
});
