import express from 'express';
import OpenAI from 'openai';
import { pino } from 'pino';
import { loadAssistants } from '../../src/assistants/load-assistants.js';
import { loadToolkits } from '../../src/assistants/load-toolkits.js';
import type { ToolDefinition } from '../../src/assistants/tool.js';
import { type Config, loadConfig } from '../../src/config/config.js';
import { composeWebhook } from '../../src/compose-webhook.js';
import { createLogger } from '../../src/log/logger.js';
import { agentsApp } from './agents-target.js';
import { aiSdkApp } from './ai-sdk-target.js';
import { bareApp } from './bare-target.js';

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
  /**
   * Our overload guard's cap. Load points raise it so that every request
   * runs a turn, the same work the other targets do; the hanging-model
   * point keeps the shipped default, since shedding load is its job there.
   */
  maxTurnsInFlight?: number;
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
    ...(options.maxTurnsInFlight
      ? { MAX_TURNS_IN_FLIGHT: String(options.maxTurnsInFlight) }
      : {}),
  });
  if (name === 'ours-plain' || name === 'ours-direct') {
    return oursApp(config, name === 'ours-plain');
  }

  const loaded = await loadToolkits(config);
  const [assistant] = await loadAssistants(config, loaded.tools);
  if (!assistant) throw new Error('the banking assistant did not load');
  const banking = { assistant, tools: loaded.tools };

  if (name === 'bare') return bareApp(banking, sdkClient(options));
  if (name === 'ai-sdk') return aiSdkApp(banking, options.modelBaseURL);
  return agentsApp(banking, sdkClient(options));
}

// As shipped (door, overload guard, circuit breaker, call coordinator),
// with the real logger at its default level formatting every turn line, but
// writing to nowhere so the terminal is not part of the measurement.
async function oursApp(
  config: Config,
  plain: boolean,
): Promise<express.Express> {
  // Written as pino writes standard output by default: asynchronously.
  const sink = pino.destination({ dest: '/dev/null', sync: false });
  const webhook = await composeWebhook(config, {
    log: createLogger({ level: 'info' }, sink),
    mapTools: plain ? withoutDirectReplies : undefined,
  });
  return webhook.app;
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
