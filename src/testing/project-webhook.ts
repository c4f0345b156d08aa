import type { Assistant } from '../assistants/assistant.js';
import { loadTestAssistants } from './load-test-assistants.js';
import {
  startTestWebhook,
  type TestWebhook,
  type TestWebhookOptions,
} from './test-webhook.js';

export type ProjectWebhookOptions = Omit<TestWebhookOptions, 'assistants'> &
  Readonly<{
    /** Settings for loading the assistants, as environment variables. */
    env?: Readonly<Record<string, string | undefined>>;
  }>;

/**
 * The webhook over this project's own `prompts/` and `tools/` (a fresh
 * in-memory bank unless `env` says otherwise), started in this process.
 * `close()` stops it and closes the tools' backends.
 */
export async function startProjectWebhook(
  options: ProjectWebhookOptions = {},
): Promise<TestWebhook & { assistants: readonly Assistant[] }> {
  const { env, ...rest } = options;
  const loaded = await loadTestAssistants(env);

  try {
    const webhook = await startTestWebhook({
      ...rest,
      assistants: loaded.assistants,
    });
    return {
      ...webhook,
      assistants: loaded.assistants,
      close: async () => {
        await webhook.close();
        await loaded.close();
      },
    };
  } catch (error: unknown) {
    await loaded.close();
    throw error;
  }
}
