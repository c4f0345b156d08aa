import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  AMIRA,
  AMIRA_CHECKING_CENTS,
  bankFacts,
  scriptConfirm,
  SEND_100,
  tempBankFile,
} from '../support/bank-call.js';
import { startBankingWebhook } from '../support/banking-webhook.js';
import { at } from '../support/call-scenarios.js';
import { turnRequest, type TestWebhook } from '../support/start-webhook.js';

// Two processes that share the bank but not their memory, as replicas do
// without Redis: a turn delivered to both runs twice, and only the bank's
// unique transfer id stands between the caller and a second transfer.
const model = new ScriptedModel();
const bankFile = tempBankFile();
let first: TestWebhook;
let second: TestWebhook;

beforeAll(async () => {
  model.listen();
  first = await startBankingWebhook({ bankDb: bankFile });
  second = await startBankingWebhook({ bankDb: bankFile });
});
afterEach(() => {
  model.assertDone();
  model.reset();
});
afterAll(async () => {
  await first.close();
  await second.close();
  model.close();
});

function scriptPrepareWithId(toolCallId: string) {
  model.script(
    {
      toolCalls: [
        { id: toolCallId, name: 'prepare_transfer', arguments: SEND_100 },
      ],
    },
    { output: { reply: 'Please confirm.', state: {} } },
  );
}

it('prepares the same transfer when a turn reaches two processes', async () => {
  const prepare = turnRequest({
    call_id: `call_${randomUUID()}`,
    state: AMIRA,
    timestamp: at(0),
  });
  scriptPrepareWithId('call_model_one');
  scriptPrepareWithId('call_model_two');

  const once = await first.post(prepare);
  const twice = await second.post(prepare);

  expect(twice.body.state.pendingTransfer.id).toBe(
    once.body.state.pendingTransfer.id,
  );
});

it('moves money once when a yes reaches two processes', async () => {
  const callId = `call_${randomUUID()}`;
  scriptPrepareWithId('call_model_one');
  const prepared = await first.post(
    turnRequest({ call_id: callId, state: AMIRA, timestamp: at(0) }),
  );
  const yes = turnRequest({
    call_id: callId,
    utterance: 'Yes.',
    state: prepared.body.state,
    timestamp: at(5),
  });
  scriptConfirm(model);
  scriptConfirm(model);

  const once = await first.post(yes);
  const again = await second.post(yes);

  expect(once.body.reply).toBe('Done.');
  expect(again.body.reply).toBe('Not sent: already_executed.');
  expect(again.body.state).not.toHaveProperty('pendingTransfer');
  const facts = bankFacts(bankFile);
  expect(facts.transfers).toHaveLength(1);
  expect(facts.checkingCents).toBe(AMIRA_CHECKING_CENTS - 10_000);
});
