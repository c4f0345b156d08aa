import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallCoordinator } from '../../src/calls/call-coordinator.js';
import { createCallCoordinator } from '../../src/calls/create-call-coordinator.js';
import { createLogger } from '../../src/log/logger.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { tempBankFile } from '../support/bank-call.js';
import { startBankingWebhook } from '../support/banking-webhook.js';
import { describeOverlappingCall } from '../support/overlapping-call-suite.js';
import { redisForTests } from '../support/redis-server.js';
import type { TestWebhook } from '../support/start-webhook.js';

// Two replicas of the webhook on their own ports, sharing one Redis and one
// bank; the requests of each call are spread over both.
const model = new ScriptedModel();
const bankFile = tempBankFile();
const coordinators: CallCoordinator[] = [];
let replicas: TestWebhook[] = [];
let redis: Awaited<ReturnType<typeof redisForTests>>;

async function startReplica(): Promise<TestWebhook> {
  const calls = createCallCoordinator(
    { redisUrl: redis.url, ttlSeconds: 60, memoryMax: 1000 },
    createLogger({ level: 'silent' }),
  );
  coordinators.push(calls);
  return startBankingWebhook({ bankDb: bankFile, calls });
}

beforeAll(async () => {
  redis = await redisForTests();
  model.listen();
  replicas = [await startReplica(), await startReplica()];
  await waitUntilShared();
});
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  await Promise.all(coordinators.map((calls) => calls.close()));
  model.close();
  await redis.stop();
});

// The clients connect in the background; until then a replica would answer
// from its own memory, which is not what these tests are about.
async function waitUntilShared() {
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = coordinators.every((calls) => calls.stats().redisUp);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the replicas did not connect to ${redis.url}`);
}

describeOverlappingCall({ model, bankFile, replicas: () => replicas });

it('answers every turn through Redis, never from one replica alone', () => {
  const fromMemory = coordinators.map(
    (calls) => calls.stats().redisUnavailableTotal,
  );

  expect(fromMemory).toEqual([0, 0]);
});

it('gives every key it writes in Redis an expiry', async () => {
  const client = new Redis(redis.url);
  try {
    const keys = await client.keys('aployee:*');
    const ttls = await Promise.all(keys.map((key) => client.pttl(key)));

    expect(keys.length).toBeGreaterThan(0);
    expect(ttls.filter((ttl) => ttl < 0)).toEqual([]);
  } finally {
    client.disconnect();
  }
});
