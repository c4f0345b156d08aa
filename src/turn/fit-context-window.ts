import type { Assistant } from '../assistants/assistant.js';
import type { ChatMessage } from './turn-types.js';

/**
 * A rough token count: about four characters of English per token. It is an
 * estimate, not the provider's tokenizer, so the configured maximum should
 * leave room below the model's real window.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Drops the oldest dialogue lines until the first request's estimated size
 * fits `maxPromptTokens`. The prompt, the state and the utterance are kept
 * whatever their size: without them the turn would be a different turn, and
 * a request still too large falls back when the provider refuses it.
 */
export function fitContextWindow(
  assistant: Assistant,
  messages: readonly ChatMessage[],
  maxPromptTokens: number,
): ChatMessage[] {
  const fixedTokens = schemaTokens(assistant);
  const sizes = messages.map((message) =>
    estimateTokens(message.content ?? ''),
  );
  let total = fixedTokens + sizes.reduce((sum, size) => sum + size, 0);

  // The system messages lead and the utterance closes; between them is the
  // context, which is advice and may go.
  const firstDialogue = messages.findIndex((m) => m.role !== 'system');
  const lastDialogue = messages.length - 1;
  let drop = 0;
  while (total > maxPromptTokens && firstDialogue + drop < lastDialogue) {
    total -= sizes[firstDialogue + drop] ?? 0;
    drop += 1;
  }

  if (drop === 0) return [...messages];
  return [
    ...messages.slice(0, firstDialogue),
    ...messages.slice(firstDialogue + drop),
  ];
}

// The tools and the answer schema never change for an assistant: measured on
// its first turn, not on every turn.
const schemaTokensOf = new WeakMap<Assistant, number>();

function schemaTokens(assistant: Assistant): number {
  const known = schemaTokensOf.get(assistant);
  if (known !== undefined) return known;

  const tokens = estimateTokens(
    JSON.stringify(assistant.toolSpecs) +
      JSON.stringify(assistant.outputJsonSchema),
  );
  schemaTokensOf.set(assistant, tokens);
  return tokens;
}
