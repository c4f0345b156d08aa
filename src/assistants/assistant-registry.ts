import type { Assistant } from './assistant.js';

export type AssistantRegistry = Readonly<{
  /** The assistant for a platform `assistant_id`, or the default, if any. */
  pick: (assistantId: string) => Assistant | undefined;
  all: readonly Assistant[];
}>;

export function createAssistantRegistry(
  assistants: readonly Assistant[],
): AssistantRegistry {
  const byId = new Map<string, Assistant>();

  for (const assistant of assistants) {
    for (const id of [assistant.id, ...assistant.aliases]) {
      const taken = byId.get(id);
      if (taken) {
        throw new Error(
          `assistant id "${id}" names both ${taken.id} and ${assistant.id}`,
        );
      }
      byId.set(id, assistant);
    }
  }

  const fallback = assistants.find((assistant) => assistant.isDefault);
  return {
    pick: (assistantId) => byId.get(assistantId) ?? fallback,
    all: assistants,
  };
}
