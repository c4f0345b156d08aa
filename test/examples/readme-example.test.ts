// The test example of the README, kept here so the README stays true.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Conversation } from '../../src/testing/conversation.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { startProjectWebhook } from '../../src/testing/project-webhook.js';
import type { TestWebhook } from '../../src/testing/test-webhook.js';

const model = new ScriptedModel();
let webhook: TestWebhook;

beforeAll(async () => {
  model.listen();
  webhook = await startProjectWebhook(); // prompts/, tools/, a fresh demo bank
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
  const call = new Conversation(webhook, {
    state: { authenticated: true, userId: 'cust_amira' },
  });

  const turn = await call.say("What's my checking balance?");

  expect(turn.reply).toBe('Your checking balance is $5,118.77.');
  expect(turn.toolCalls).toMatchObject([
    { name: 'get_balance', outcome: 'ok', result: { balance: '5118.77' } },
  ]);
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
  const call = new Conversation(webhook, {
    state: { authenticated: true, userId: 'cust_li' },
  });

  const turn = await call.say("And what's in my savings?");

  expect(turn.reply).toBe('The caller has no savings account.');
});
