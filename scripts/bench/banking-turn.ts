import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { Assistant } from '../../src/assistants/assistant.js';
import type { State, ToolDefinition } from '../../src/assistants/tool.js';

/** The banking assistant and its tools, loaded as `npm start` loads them. */
export type Banking = Readonly<{
  assistant: Assistant;
  tools: ReadonlyMap<string, ToolDefinition>;
}>;

/** The part of a webhook request the comparison targets read. */
export type TurnBody = Readonly<{
  utterance: string;
  state?: State;
  context?: Array<{ role: 'user' | 'assistant'; content: string }>;
}>;

/** The model's final answer, as the frameworks are asked to produce it. */
export const turnOutput = z.object({
  reply: z.string().nullable(),
  state: z.object({
    topic: z.enum(['balance', 'transfer', 'identity', 'other']).nullable(),
    account_type: z.enum(['checking', 'savings']).nullable(),
  }),
});

/** Prompt, state and dialogue as messages, the same for every target. */
export function turnMessages(
  prompt: string,
  body: TurnBody,
): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: prompt },
    { role: 'system', content: stateMessage(body.state) },
    ...(body.context ?? []),
    { role: 'user', content: body.utterance },
  ];
}

export function stateMessage(state: State | undefined): string {
  return `Call state (JSON data): ${JSON.stringify(state ?? {})}`;
}

/** Runs one of the shipped banking tools outside the engine. */
export async function runBankTool(
  banking: Banking,
  name: string,
  args: unknown,
  state: State,
): Promise<unknown> {
  const tool = banking.tools.get(name);
  if (!tool) return { error: 'unknown_tool' };

  const outcome = await tool.run(tool.parameters.parse(args), {
    state,
    signal: new AbortController().signal,
    callId: 'bench',
    turn: { callId: 'bench', assistantId: 'bench', timestamp: '' },
    // Baselines outside the engine run each tool once per turn; a fresh key
    // keeps a transfer from being refused as already executed.
    idempotencyKey: crypto.randomUUID(),
  });
  return outcome.result;
}
