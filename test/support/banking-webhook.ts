import type { Assistant } from '../../src/assistants/assistant.js';
import { loadAssistants } from '../../src/assistants/load-assistants.js';
import { loadToolkits } from '../../src/assistants/load-toolkits.js';
import { loadConfig } from '../../src/config/config.js';
import {
  MODEL_BASE_URL,
  startWebhook,
  type StartOptions,
  type TestWebhook,
} from './start-webhook.js';

/**
 * The shipped banking assistant, loaded the way `npm start` loads it, over a
 * fresh in-memory bank seeded from the demo file (or `seedFile`), or over the
 * bank in `bankDb`, which several webhooks may share like replicas.
 */
export async function startBankingWebhook(
  options: { seedFile?: string; bankDb?: string } & Partial<StartOptions> = {},
): Promise<TestWebhook & { assistants: Assistant[] }> {
  const config = loadConfig({
    BANK_DB: options.bankDb ?? ':memory:',
    BANK_SEED: options.seedFile,
    OPENAI_BASE_URL: MODEL_BASE_URL,
  });
  const loaded = await loadToolkits(config);
  const assistants = await loadAssistants(config, loaded.tools);
  const webhook = await startWebhook({ ...options, assistants });

  return {
    ...webhook,
    assistants,
    close: async () => {
      await webhook.close();
      await loaded.close();
    },
  };
}
