// The test example of the README, kept here so the README stays true.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { startBankingWebhook } from '../support/banking-webhook.js';
import { turnRequest, type TestWebhook } from '../support/start-webhook.js';

const model = new ScriptedModel();
let webhook: TestWebhook;

beforeAll(async () => {
  model.listen();
  webhook = await startBankingWebhook(); // fresh in-memory demo bank
});
afterEach(() => {
  model.assertDone(); // every scripted step used, no unscripted call
  model.reset();
});
afterAll(async () => {
  await webhook.close();
  model.close();
});

it('reads the checking balance of a verified caller', async () => {
  // get_balance speaks the balance itself: one model call, not two.
  model.script({
    toolCalls: [
      { name: 'get_balance', arguments: { account_type: 'checking' } },
    ],
  });

  const { body } = await webhook.post(
    turnRequest({ state: { authenticated: true, userId: 'cust_amira' } }),
  );

  expect(body.reply).toBe('Your checking balance is $5,118.77.');
  expect(model.requests).toHaveLength(1);
});

it('lets the model answer when a verified caller has no such account', async () => {
  model.script(
    {
      toolCalls: [
        { name: 'get_balance', arguments: { account_type: 'savings' } },
      ],
    },
    // A step can be a function of the request, to answer from a tool result.
    (request) => {
      const tool = JSON.parse(String(request.messages.at(-1)?.content));
      return { output: { reply: tool.result.message, state: {} } };
    },
  );

  const { body } = await webhook.post(
    turnRequest({ state: { authenticated: true, userId: 'cust_li' } }),
  );

  expect(body.reply).toBe('The caller has no savings account.');
});
