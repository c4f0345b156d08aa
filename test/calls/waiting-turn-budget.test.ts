import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import { at } from '../support/call-scenarios.js';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

// A turn for the `long` assistant holds its call for its whole budget; a
// turn for `short` on the same call has far less time than that.
const LONG_MS = 3000;
const SHORT_MS = 800;
const SLACK_MS = 1000;

const remember = defineTool({
  name: 'remember',
  description: 'Notes something.',
  parameters: z.object({}),
  effect: 'write',
  writes: ['noted'],
  async run() {
    return { result: 'ok', patch: { noted: true } };
  },
});

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [
      testAssistant({ id: 'long', budgetMs: LONG_MS, tools: [remember] }),
      testAssistant({ id: 'short', budgetMs: SHORT_MS, isDefault: false }),
    ],
  }),
);

/** The turn line of a turn that ran out of budget waiting for `what`. */
function expectBudgetFallback(callId: string, what: string) {
  expect(webhook.logs).toContainEqual(
    expect.objectContaining({
      call_id: callId,
      msg: 'turn fell back',
      fallback: {
        reason: 'budget',
        detail: `the budget ran out while waiting for ${what}`,
      },
    }),
  );
}

/** Starts a turn that notes something, then waits on a model that hangs. */
async function holdCall(callId: string) {
  model.script({ toolCalls: [{ name: 'remember' }] }, { hang: true });
  const held = webhook.post(
    turnRequest({ call_id: callId, assistant_id: 'long', timestamp: at(0) }),
  );
  await sleep(200);
  return held;
}

it('falls back within its own budget while an earlier turn holds the call', async () => {
  const callId = `call_${randomUUID()}`;
  const held = holdCall(callId);

  await sleep(200);
  const waiting = await webhook.post(
    turnRequest({
      call_id: callId,
      assistant_id: 'short',
      state: { keep: 'me' },
      timestamp: at(5),
    }),
  );

  expect(waiting.body).toEqual({ state: { keep: 'me' } });
  expect(waiting.elapsedMs).toBeLessThan(SHORT_MS + SLACK_MS);
  expectBudgetFallback(callId, 'an earlier turn of the call');
  expect((await held).body.state).toEqual({ noted: true });
});

it('falls back within its own budget while its first delivery still runs', async () => {
  const callId = `call_${randomUUID()}`;
  const held = holdCall(callId);

  await sleep(200);
  const duplicate = await webhook.post(
    turnRequest({ call_id: callId, assistant_id: 'short', timestamp: at(0) }),
  );

  expect(duplicate.body).toEqual({ state: {} });
  expect(duplicate.elapsedMs).toBeLessThan(SHORT_MS + SLACK_MS);
  expectBudgetFallback(callId, 'the first delivery of this turn');
  await held;
});

it('starts the next turn from what a turn that ran out of time did', async () => {
  const callId = `call_${randomUUID()}`;
  await holdCall(callId);
  model.script({ output: { reply: 'Later.', state: {} } });

  const next = await webhook.post(
    turnRequest({ call_id: callId, assistant_id: 'long', timestamp: at(9) }),
  );

  expect(next.body).toEqual({ reply: 'Later.', state: { noted: true } });
});
