import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedModel } from '../../src/testing/scripted-model.js';
import { AMIRA_CHECKING_CENTS, bankFacts } from './bank-call.js';
import {
  overlappingTransfer,
  staleYesAfterTransfer,
  turnsOutOfOrder,
  type TransferAnswers,
} from './call-scenarios.js';
import type { TestWebhook } from './start-webhook.js';

export type OverlappingCallSetup = Readonly<{
  model: ScriptedModel;
  /** The webhooks a call's requests are spread over, once started. */
  replicas: () => readonly TestWebhook[];
  bankFile: string;
}>;

/**
 * What must hold for overlapping turns and duplicates of one call, however
 * many webhooks share the work: the same tests for one process and for
 * replicas over Redis.
 */
export function describeOverlappingCall(setup: OverlappingCallSetup) {
  const { model, bankFile } = setup;

  describe('overlapping turns of one call', () => {
    it('runs the turns in the order of their utterances', async () => {
      const callId = `call_${randomUUID()}`;

      const heard = await turnsOutOfOrder(model, setup.replicas(), callId);

      expect(heard).toEqual(['first', 'second', 'third', 'fourth']);
      model.assertDone();
      model.reset();
    });
  });

  describe('a yes that overlaps its transfer, delivered several times', () => {
    const callId = `call_${randomUUID()}`;
    let answers: TransferAnswers;

    beforeAll(async () => {
      answers = await overlappingTransfer(model, setup.replicas(), callId);
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
      const confirms = answers.confirms.map((a) => JSON.stringify(a.body));

      expect(new Set(confirms).size).toBe(1);
      expect(preparedAgain?.body).toEqual(prepare?.body);
      expect(prepare?.body.state.pendingTransfer).toBeDefined();
    });

    it('asks the model once per step and never for a duplicate', () => {
      expect(model.requests).toHaveLength(4);
      model.assertDone();
    });

    it('keeps a sent transfer from coming back with a stale state', async () => {
      const stale = answers.prepares[0]?.body.state;
      const last = setup.replicas().at(-1) as TestWebhook;

      const { body } = await staleYesAfterTransfer(model, last, callId, stale);

      expect(body.reply).toBe('Not sent: nothing_pending.');
      expect(body.state).not.toHaveProperty('pendingTransfer');
      expect(bankFacts(bankFile).transfers).toHaveLength(1);
      model.assertDone();
    });
  });
}
