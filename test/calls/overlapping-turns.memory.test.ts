import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  AMIRA_CHECKING_CENTS,
  bankFacts,
  tempBankFile,
} from '../support/bank-call.js';
import { startBankingWebhook } from '../support/banking-webhook.js';
import {
  overlappingTransfer,
  staleYesAfterTransfer,
  turnsOutOfOrder,
  type TransferAnswers,
} from '../support/call-scenarios.js';
import type { TestWebhook } from '../support/start-webhook.js';

// One process, no Redis: the coordinator keeps the calls in memory.
const model = new ScriptedModel();
const bankFile = tempBankFile();
let webhook: TestWebhook;

beforeAll(async () => {
  model.listen();
  webhook = await startBankingWebhook({ bankDb: bankFile });
});
afterAll(async () => {
  await webhook.close();
  model.close();
});

describe('overlapping turns of one call in one process', () => {
  it('runs the turns in the order of their utterances', async () => {
    const heard = await turnsOutOfOrder(
      model,
      [webhook],
      `call_${randomUUID()}`,
    );

    expect(heard).toEqual(['first', 'second', 'third', 'fourth']);
    model.assertDone();
    model.reset();
  });
});

describe('a yes that overlaps its transfer, delivered several times', () => {
  const callId = `call_${randomUUID()}`;
  let answers: TransferAnswers;

  beforeAll(async () => {
    answers = await overlappingTransfer(model, [webhook], callId);
  });
  afterAll(() => model.reset());

  it('moves the money once', () => {
    const facts = bankFacts(bankFile);

    expect(facts.transfers).toHaveLength(1);
    expect(facts.checkingCents).toBe(AMIRA_CHECKING_CENTS - 10_000);
  });

  it('runs the yes from the state the transfer left, not the stale one', () => {
    const [first] = answers.confirms;

    expect(first?.body.reply).toBe('Done.');
    expect(first?.body.state).toMatchObject({
      authenticated: true,
      userId: 'cust_amira',
      lastTransfer: { amount: '100.00', recipient_name: 'Jonas' },
    });
    expect(first?.body.state).not.toHaveProperty('pendingTransfer');
  });

  it('gives every duplicate the answer of the first delivery', () => {
    const [prepare, preparedAgain] = answers.prepares;

    expect(
      new Set(answers.confirms.map((a) => JSON.stringify(a.body))).size,
    ).toBe(1);
    expect(preparedAgain?.body).toEqual(prepare?.body);
    expect(prepare?.body.state.pendingTransfer).toBeDefined();
  });

  it('asks the model once per step and never for a duplicate', () => {
    expect(model.requests).toHaveLength(4);
    model.assertDone();
  });

  it('keeps a sent transfer from coming back with a stale state', async () => {
    const stale = answers.prepares[0]?.body.state;

    const { body } = await staleYesAfterTransfer(model, webhook, callId, stale);

    expect(body.reply).toBe('Not sent: nothing_pending.');
    expect(body.state).not.toHaveProperty('pendingTransfer');
    expect(bankFacts(bankFile).transfers).toHaveLength(1);
    model.assertDone();
  });
});
