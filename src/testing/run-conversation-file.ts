import type { TurnOutcome } from './conversation.js';
import {
  loadConversationFile,
  type ConversationScript,
} from './conversation-file.js';
import { runConversation } from './run-conversation.js';
import type { ScriptedModel } from './scripted-model.js';
import { startProjectWebhook } from './project-webhook.js';

export type ConversationRunOptions = Readonly<{
  /** A listening scripted model; its script is replaced turn by turn. */
  model: ScriptedModel;
  /** Settings for loading the assistants, as environment variables would. */
  env?: Readonly<Record<string, string | undefined>>;
}>;

/**
 * Plays a conversation (a file, or one already read) against the assistants
 * of `prompts/` and `tools/`, over a fresh in-memory bank and a webhook of
 * its own. Throws a `ConversationMismatch` naming the turn that differed.
 */
export async function runConversationFile(
  conversation: string | ConversationScript,
  options: ConversationRunOptions,
): Promise<TurnOutcome[]> {
  const script =
    typeof conversation === 'string'
      ? await loadConversationFile(conversation)
      : conversation;
  const webhook = await startProjectWebhook({ env: options.env });

  try {
    return await runConversation(script, webhook, options.model);
  } finally {
    await webhook.close();
  }
}
