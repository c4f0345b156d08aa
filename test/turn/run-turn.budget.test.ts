import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';

const BUDGET_MS = 400;
// The promise: the turn is over within budget + 100 ms, as the server
// measures it from the request's arrival.
const SLACK_MS = 100;
// Seen from the client, a loaded two-core machine can add connection and
// scheduling time that is not the turn's; a turn that ignored its budget
// would still be caught, as the slow model and the tool take seconds.
const CLIENT_SLACK_MS = 400;

const model = new ScriptedModel();
let webhook: TestWebhook;
let toolSignal: AbortSignal | undefined;

const pay = defineTool({
  name: 'pay',
  description: 'Moves money at once.',
  parameters: z.object({}),
  effect: 'write',
  writes: ['paid'],
  async run() {
    return { result: 'paid', patch: { paid: true } };
  },
});

const wait = defineTool({
  name: 'wait',
  description: 'Waits on its signal.',
  parameters: z.object({}),
  effect: 'read',
  timeoutMs: 5000,
  async run(_args, { signal }) {
    toolSignal = signal;
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    return { result: 'too late' };
  },
});

beforeAll(async () => {
  model.listen();
  webhook = await startWebhook({
    assistants: [testAssistant({ tools: [pay, wait], budgetMs: BUDGET_MS })],
  });
});
afterEach(() => {
  model.reset();
  toolSignal = undefined;
});
afterAll(async () => {
  await webhook.close();
  model.close();
});

async function answersInBudget(
  state: Record<string, unknown> = { keep: 'me' },
) {
  const { status, body, elapsedMs } = await webhook.post(
    turnRequest({ state }),
  );

  expect(status).toBe(200);
  expect(elapsedMs).toBeLessThan(BUDGET_MS + CLIENT_SLACK_MS);
  const turn = webhook.lastTurn();
  expect(turn).toMatchObject({ fallback: { reason: 'budget' } });
  expect(turn?.duration_ms).toBeLessThan(BUDGET_MS + SLACK_MS);
  return body;
}

describe('the budget', () => {
  it('answers with the state when the model is slower than the budget', async () => {
    model.script({ output: { reply: 'Too late.', state: {} }, delayMs: 2000 });

    expect(await answersInBudget()).toEqual({ state: { keep: 'me' } });
  });

  it('answers in time when the model body stalls after the headers', async () => {
    model.script({ stall: true });

    expect(await answersInBudget()).toEqual({ state: { keep: 'me' } });
  });

  it('answers in time when the model never answers', async () => {
    model.script({ hang: true });

    expect(await answersInBudget()).toEqual({ state: { keep: 'me' } });
  });

  it('keeps the effect of a tool that completed before the budget ran out', async () => {
    model.script({ toolCalls: [{ name: 'pay' }] }, { hang: true });

    expect(await answersInBudget()).toEqual({
      state: { keep: 'me', paid: true },
    });
  });

  it('aborts the signal of a tool still running when the budget runs out', async () => {
    model.script({ toolCalls: [{ name: 'wait' }] });

    await answersInBudget();

    expect(toolSignal?.aborted).toBe(true);
  });

  it('does not sleep on a Retry-After longer than what is left', async () => {
    model.script({
      status: 503,
      body: { error: { message: 'overloaded' } },
      headers: { 'retry-after': '1' },
      delayMs: 100,
    });

    const { elapsedMs, body } = await webhook.post(
      turnRequest({ state: { a: 1 } }),
    );

    expect(body).toEqual({ state: { a: 1 } });
    expect(elapsedMs).toBeLessThan(BUDGET_MS);
    expect(webhook.lastTurn()).toMatchObject({
      fallback: { reason: 'model_error' },
    });
  });
});
