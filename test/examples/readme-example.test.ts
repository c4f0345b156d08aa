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
  model.script(
    {
      toolCalls: [
        { name: 'get_balance', arguments: { account_type: 'checking' } },
      ],
    },
    // A step can be a function of the request, to answer from a tool result.
    (request) => {
      const result = JSON.parse(String(request.messages.at(-1)?.content));
      return {
        output: { reply: `You have ${result.result.spoken}.`, state: {} },
      };
    },
  );

  const { body } = await webhook.post(
    turnRequest({ state: { authenticated: true, userId: 'cust_amira' } }),
  );

  expect(body.reply).toBe('You have $5,118.77.');
});
