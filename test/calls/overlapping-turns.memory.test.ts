import { afterAll, beforeAll } from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { tempBankFile } from '../support/bank-call.js';
import { startBankingWebhook } from '../support/banking-webhook.js';
import { describeOverlappingCall } from '../support/overlapping-call-suite.js';
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

describeOverlappingCall({ model, bankFile, replicas: () => [webhook] });
