import { afterAll, afterEach, beforeAll } from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import type { TestWebhook } from './start-webhook.js';

/**
 * The usual frame of an HTTP test: a scripted model listening before the
 * webhook starts, every script used up after each test, both closed at the
 * end. `webhook` is filled in when the suite starts.
 */
export function scriptedWebhook(start: () => Promise<TestWebhook>) {
  const model = new ScriptedModel();
  const webhook = {} as TestWebhook;

  beforeAll(async () => {
    model.listen();
    Object.assign(webhook, await start());
  });
  afterEach(() => {
    model.assertDone();
    model.reset();
  });
  afterAll(async () => {
    await webhook.close();
    model.close();
  });

  return { model, webhook };
}
