import { z } from 'zod';
import type { Assistant } from '../../src/assistants/assistant.js';
import { buildAssistant } from '../../src/assistants/load-assistants.js';
import type { StateFieldSpec } from '../../src/assistants/model-output.js';
import { defineTool, type ToolDefinition } from '../../src/assistants/tool.js';
import { loadConfig } from '../../src/config/config.js';

export type TestAssistantOptions = {
  id?: string;
  tools?: ToolDefinition[];
  state?: Record<string, StateFieldSpec>;
  budgetMs?: number;
  maxSteps?: number;
  isDefault?: boolean;
  prompt?: string;
};

/** An assistant built the way prompt files are, from options in memory. */
export function testAssistant(options: TestAssistantOptions = {}): Assistant {
  const tools = options.tools ?? [];
  const id = options.id ?? 'test';
  return buildAssistant(
    {
      id,
      path: `prompts/${id}.md`,
      prompt: options.prompt ?? 'You are a test assistant.',
      settings: {
        default: options.isDefault ?? true,
        aliases: [],
        budget_ms: options.budgetMs,
        max_steps: options.maxSteps ?? 4,
        tools: tools.map((tool) => tool.name),
        state: options.state ?? { topic: 'string' },
      },
    },
    new Map(tools.map((tool) => [tool.name, tool])),
    loadConfig({}),
  );
}

/** A tool that echoes its argument back, for tests of the tool loop. */
export function echoTool(
  overrides: Partial<ToolDefinition<z.ZodObject<{ text: z.ZodString }>>> = {},
) {
  return defineTool({
    name: 'echo',
    description: 'Echoes the text.',
    parameters: z.object({ text: z.string() }),
    effect: 'read',
    async run({ text }) {
      return { result: { echoed: text } };
    },
    ...overrides,
  });
}
