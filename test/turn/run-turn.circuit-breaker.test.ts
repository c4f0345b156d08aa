import { expect, it } from 'vitest';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const COOLDOWN_MS = 400;

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [testAssistant({ budgetMs: 3000 })],
    breaker: { failures: 2, cooldownMs: COOLDOWN_MS },
  }),
);

const state = { lastAction: 'greeting' };
const unavailable = { status: 503, body: { error: { message: 'down' } } };

it('skips the model while the circuit is open and closes after a good probe', async () => {
  // Two turns whose every attempt fails open the circuit.
  model.script(unavailable, unavailable, unavailable);
  model.script(unavailable, unavailable, unavailable);
  await webhook.post(turnRequest({ state }));
  await webhook.post(turnRequest({ state }));
  model.assertDone();
  model.reset();

  const skipped = await webhook.post(turnRequest({ state }));

  expect(skipped.status).toBe(200);
  expect(skipped.body).toEqual({ state });
  expect(model.requests).toHaveLength(0);
  expect(webhook.lastTurn()?.fallback).toMatchObject({
    reason: 'model_error',
    detail: expect.stringContaining('circuit open'),
  });

  await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 50));
  model.script({ output: { reply: 'Back again.', state: {} } });
  const probe = await webhook.post(turnRequest({ state }));
  expect(probe.body.reply).toBe('Back again.');

  model.script({ output: { reply: 'Still here.', state: {} } });
  const after = await webhook.post(turnRequest({ state }));
  expect(after.body.reply).toBe('Still here.');
});
