import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallCoordinator } from '../../src/calls/call-coordinator.js';
import { createCallCoordinator } from '../../src/calls/create-call-coordinator.js';
import { createLogger } from '../../src/log/logger.js';
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
import { requireRedis, TEST_REDIS_URL } from '../support/redis-server.js';
import type { TestWebhook } from '../support/start-webhook.js';

// Two replicas of the webhook on their own ports, sharing one Redis and one
// bank; the requests of each call are spread over both.
const model = new ScriptedModel();
const bankFile = tempBankFile();
const coordinators: CallCoordinator[] = [];
let replicas: TestWebhook[] = [];

async function startReplica(): Promise<TestWebhook> {
  const calls = createCallCoordinator(
    { redisUrl: TEST_REDIS_URL, ttlSeconds: 60, memoryMax: 1000 },
    createLogger({ level: 'silent' }),
  );
  coordinators.push(calls);
  return startBankingWebhook({ bankDb: bankFile, calls });
}

beforeAll(async () => {
  await requireRedis();
  model.listen();
  replicas = [await startReplica(), await startReplica()];
  await waitUntilShared();
});
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  await Promise.all(coordinators.map((calls) => calls.close()));
  model.close();
});

// The clients connect in the background; until then a replica would answer
// from its own memory, which is not what these tests are about.
async function waitUntilShared() {
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = coordinators.every((calls) => calls.stats().redisUp);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the replicas did not connect to ${TEST_REDIS_URL}`);
}

describe('overlapping turns of one call over two replicas', () => {
  it('runs the turns in the order of their utterances', async () => {
    const heard = await turnsOutOfOrder(
      model,
      replicas,
      `call_${randomUUID()}`,
    );

    expect(heard).toEqual(['first', 'second', 'third', 'fourth']);
    model.assertDone();
    model.reset();
  });
});

describe('a yes and its duplicates over two replicas', () => {
  const callId = `call_${randomUUID()}`;
  let answers: TransferAnswers;

  beforeAll(async () => {
    answers = await overlappingTransfer(model, replicas, callId);
  });
  afterAll(() => model.reset());

  it('moves the money once', () => {
    const facts = bankFacts(bankFile);

    expect(facts.transfers).toHaveLength(1);
    expect(facts.checkingCents).toBe(AMIRA_CHECKING_CENTS - 10_000);
  });

  it('runs the yes from the state the other replica left', () => {
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
  });

  it('asks the model once per step and never for a duplicate', () => {
    expect(model.requests).toHaveLength(4);
    model.assertDone();
  });

  it('keeps a sent transfer from coming back on the other replica', async () => {
    const stale = answers.prepares[0]?.body.state;

    const { body } = await staleYesAfterTransfer(
      model,
      replicas[1] as TestWebhook,
      callId,
      stale,
    );

    expect(body.reply).toBe('Not sent: nothing_pending.');
    expect(body.state).not.toHaveProperty('pendingTransfer');
    expect(bankFacts(bankFile).transfers).toHaveLength(1);
    model.assertDone();
  });
});

it('answers every turn through Redis, never from one replica alone', () => {
  const fromMemory = coordinators.map(
    (calls) => calls.stats().redisUnavailableTotal,
  );

  expect(fromMemory).toEqual([0, 0]);
});
