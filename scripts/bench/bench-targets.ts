import express from 'express';
import OpenAI from 'openai';
import { pino } from 'pino';
import { createAssistantRegistry } from '../../src/assistants/assistant-registry.js';
import { loadAssistants } from '../../src/assistants/load-assistants.js';
import { loadToolkits } from '../../src/assistants/load-toolkits.js';
import type { ToolDefinition } from '../../src/assistants/tool.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log/logger.js';
import { createApp } from '../../src/server/create-app.js';
import { createModel } from '../../src/turn/call-model.js';
import { agentsApp } from './agents-target.js';
import { aiSdkApp } from './ai-sdk-target.js';
import { bareApp } from './bare-target.js';
import type { Banking } from './banking-turn.js';

/** The webhooks the benchmark compares, each answering `POST /webhook`. */
export const TARGETS = [
  'ours-plain',
  'ours-direct',
  'bare',
  'ai-sdk',
  'agents',
] as const;
export type TargetName = (typeof TARGETS)[number];

export type TargetOptions = Readonly<{
  modelBaseURL: string;
  budgetMs: number;
}>;

/** Builds one target's Express app over an in-memory demo bank. */
export async function buildTarget(
  name: TargetName,
  options: TargetOptions,
): Promise<express.Express> {
  const config = loadConfig({
    BANK_DB: ':memory:',
    OPENAI_BASE_URL: options.modelBaseURL,
    TURN_BUDGET_MS: String(options.budgetMs),
  });
  const loaded = await loadToolkits(config);
  const tools =
    name === 'ours-plain' ? withoutDirectReplies(loaded.tools) : loaded.tools;
  const [assistant] = await loadAssistants(config, tools);
  if (!assistant) throw new Error('the banking assistant did not load');
  const banking = { assistant, tools };

  if (name === 'bare') return bareApp(banking, sdkClient(options));
  if (name === 'ai-sdk') return aiSdkApp(banking, options.modelBaseURL);
  if (name === 'agents') return agentsApp(banking, sdkClient(options));

  // The real logger at its default level, formatting every turn line, but
  // writing to nowhere so the terminal is not part of the measurement.
  const sink = pino.destination({ dest: '/dev/null', sync: true });
  return createApp({
    registry: createAssistantRegistry([assistant]),
    model: createModel({ baseURL: options.modelBaseURL }),
    log: createLogger({ level: 'info' }, sink),
    bodyLimitBytes: config.bodyLimitBytes,
    contextMaxMessages: config.contextMaxMessages,
    logContent: false,
  });
}

function sdkClient(options: TargetOptions): OpenAI {
  return new OpenAI({
    apiKey: 'not-needed',
    baseURL: options.modelBaseURL,
    maxRetries: 0,
  });
}

// The plain tool loop: get_balance's result goes back to the model, which
// answers in a second call, the same work the other targets do.
function withoutDirectReplies(
  tools: ReadonlyMap<string, ToolDefinition>,
): ReadonlyMap<string, ToolDefinition> {
  return new Map(
    [...tools].map(([name, tool]) => [
      name,
      {
        ...tool,
        run: async (args, context) => {
          const { reply: _spoken, ...outcome } = await tool.run(args, context);
          return outcome;
        },
      } satisfies ToolDefinition,
    ]),
  );
}
