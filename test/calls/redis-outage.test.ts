import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallCoordinator } from '../../src/calls/call-coordinator.js';
import { createCallCoordinator } from '../../src/calls/create-call-coordinator.js';
import { createLogger } from '../../src/log/logger.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  AMIRA,
  bankFacts,
  scriptConfirm,
  scriptPrepare,
  tempBankFile,
} from '../support/bank-call.js';
import { startBankingWebhook } from '../support/banking-webhook.js';
import { at } from '../support/call-scenarios.js';
import {
  startRedisServer,
  type RedisProcess,
} from '../support/redis-server.js';
import { turnRequest, type TestWebhook } from '../support/start-webhook.js';

// Two replicas over a redis-server of this test's own, which it kills in
// the middle and starts again, empty, on the same port.
const model = new ScriptedModel();
const bankFile = tempBankFile();
const lines: Array<Record<string, unknown>> = [];
let redis: RedisProcess;
let calls: CallCoordinator[] = [];
let replicas: TestWebhook[] = [];

function capturingLogger(replica: string) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        lines.push({ replica, ...JSON.parse(line) });
      done();
    },
  });
  return createLogger({ level: 'info' }, sink);
}

function logged(replica: string, msg: string) {
  return lines.filter((line) => line.replica === replica && line.msg === msg);
}

async function until(condition: () => boolean, what: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) return;
    await sleep(50);
  }
  throw new Error(`gave up waiting: ${what}`);
}

beforeAll(async () => {
  redis = await startRedisServer();
  model.listen();
  calls = ['a', 'b'].map((replica) =>
    createCallCoordinator(
      { redisUrl: redis.url, ttlSeconds: 60, memoryMax: 1000 },
      capturingLogger(replica),
    ),
  );
  replicas = await Promise.all(
    calls.map((coordinator) =>
      startBankingWebhook({ bankDb: bankFile, calls: coordinator }),
    ),
  );
  await until(
    () => calls.every((coordinator) => coordinator.stats().redisUp),
    'the replicas to connect to Redis',
  );
});
afterEach(() => {
  model.assertDone();
  model.reset();
});
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  await Promise.all(calls.map((coordinator) => coordinator.close()));
  await redis.kill();
  model.close();
});

/** One turn on replica a, then its duplicate on b: one model call if shared. */
async function duplicateAcrossReplicas(second: number) {
  model.script({ output: { reply: `Heard ${second}.`, state: {} } });
  const turn = turnRequest({
    call_id: `call_${randomUUID()}`,
    timestamp: at(second),
  });

  const first = await replicas[0]!.post(turn);
  const again = await replicas[1]!.post(turn);
  return { turn, first, again };
}

let beforeOutage: Awaited<ReturnType<typeof duplicateAcrossReplicas>>;

describe('redis stopped in the middle and started again', () => {
  it('shares duplicates between replicas while Redis runs', async () => {
    beforeOutage = await duplicateAcrossReplicas(1);

    expect(beforeOutage.again.body).toEqual(beforeOutage.first.body);
    expect(model.requests).toHaveLength(1);
  });

  it('keeps answering from its own memory while Redis is down', async () => {
    await redis.kill();
    const callId = `call_${randomUUID()}`;
    scriptPrepare(model);
    scriptConfirm(model);

    const prepared = await replicas[0]!.post(
      turnRequest({ call_id: callId, state: AMIRA, timestamp: at(2) }),
    );
    const confirmed = await replicas[0]!.post(
      turnRequest({
        call_id: callId,
        utterance: 'Yes.',
        state: AMIRA,
        timestamp: at(3),
      }),
    );

    expect(prepared.body.state.pendingTransfer).toBeDefined();
    expect(confirmed.body.reply).toBe('Done.');
    expect(bankFacts(bankFile).transfers).toHaveLength(1);
  });

  it('logs the outage once and counts what it answered alone', () => {
    const outages = logged(
      'a',
      'redis unavailable, answering from this process',
    );

    expect(outages).toHaveLength(1);
    expect(calls[0]!.stats().redisUnavailableTotal).toBeGreaterThan(0);
  });

  it('goes back to Redis by itself once it answers again', async () => {
    await redis.restart();
    await until(
      () => calls.every((coordinator) => coordinator.stats().redisUp),
      'the replicas to reconnect',
    );

    const { first, again } = await duplicateAcrossReplicas(4);

    expect(again.body).toEqual(first.body);
    expect(model.requests).toHaveLength(1);
    expect(logged('a', 'redis reachable again')).toHaveLength(1);
  });

  it('remembers its answers when Redis comes back empty', async () => {
    const again = await replicas[0]!.post(beforeOutage.turn);

    expect(again.body).toEqual(beforeOutage.first.body);
    expect(model.requests).toHaveLength(0);
  });
});
