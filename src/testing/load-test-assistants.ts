import type { Assistant } from '../assistants/assistant.js';
import { loadAssistants } from '../assistants/load-assistants.js';
import { loadToolkits } from '../assistants/load-toolkits.js';
import { loadConfig } from '../config/config.js';
import { SCRIPTED_MODEL_URL } from './test-webhook.js';

export type TestAssistants = Readonly<{
  assistants: Assistant[];
  /** Closes the toolkits' backends (the example bank). */
  close: () => Promise<void>;
}>;

/**
 * The assistants of `prompts/` and `tools/`, loaded the way `npm start`
 * loads them, from settings given here instead of the environment. The bank
 * is a fresh one in memory unless `BANK_DB` says otherwise.
 */
export async function loadTestAssistants(
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<TestAssistants> {
  const config = loadConfig({
    BANK_DB: ':memory:',
    OPENAI_BASE_URL: SCRIPTED_MODEL_URL,
    ...env,
  });
  const loaded = await loadToolkits(config);

  try {
    const assistants = await loadAssistants(config, loaded.tools);
    return { assistants, close: loaded.close };
  } catch (error: unknown) {
    await loaded.close();
    throw error;
  }
}
