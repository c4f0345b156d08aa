import { z } from 'zod';
import {
  otelEnvSchema,
  tracingConfig,
  type TracingConfig,
} from './tracing-config.js';

/**
 * Every setting the webhook reads from its environment, with the defaults that
 * change behaviour kept together here, next to the schema that checks them.
 */
export const DEFAULTS = {
  port: 3000,
  model: 'gpt-4o-mini',
  turnBudgetMs: 8000,
  bodyLimitBytes: 1024 * 1024,
  contextMaxMessages: 20,
  bankSeed: 'tools/banking/demo-seed.json',
  bankDb: 'data/bank.db',
  promptsDir: 'prompts',
  logLevel: 'info',
  callTtlSeconds: 1800,
  callsInMemoryMax: 10_000,
  shutdownDelayMs: 0,
  serviceName: 'aployee-webhook',
} as const;

// The platform gives up after 10 s; a budget at or above that would answer
// into a closed connection.
const MAX_TURN_BUDGET_MS = 9500;

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((value) => value === 'true' || value === '1');

const whole = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: whole(0, 65535).default(DEFAULTS.port),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default(DEFAULTS.model),
  TURN_BUDGET_MS: whole(100, MAX_TURN_BUDGET_MS).default(DEFAULTS.turnBudgetMs),
  BODY_LIMIT_BYTES: whole(1024, 64 * 1024 * 1024).default(
    DEFAULTS.bodyLimitBytes,
  ),
  CONTEXT_MAX_MESSAGES: whole(0, 1000).default(DEFAULTS.contextMaxMessages),
  BANK_SEED: z.string().min(1).default(DEFAULTS.bankSeed),
  BANK_DB: z.string().min(1).default(DEFAULTS.bankDb),
  PROMPTS_DIR: z.string().min(1).default(DEFAULTS.promptsDir),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default(DEFAULTS.logLevel),
  LOG_CONTENT: flag.default(false),
  RECORD_DIR: z.string().min(1).optional(),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'expected a redis:// URL' })
    .optional(),
  CALL_TTL_SECONDS: whole(10, 7 * 24 * 3600).default(DEFAULTS.callTtlSeconds),
  CALLS_IN_MEMORY_MAX: whole(1, 10_000_000).default(DEFAULTS.callsInMemoryMax),
  SHUTDOWN_DELAY_MS: whole(0, 60_000).default(DEFAULTS.shutdownDelayMs),
  ...otelEnvSchema(DEFAULTS.serviceName).shape,
});

/** The name of every variable the webhook reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type Config = Readonly<{
  port: number;
  openai: Readonly<{ apiKey?: string; baseURL?: string; model: string }>;
  turnBudgetMs: number;
  bodyLimitBytes: number;
  contextMaxMessages: number;
  bank: Readonly<{ seed: string; db: string }>;
  promptsDir: string;
  log: Readonly<{ level: string; content: boolean }>;
  /** Where each turn is written as a file for replay; unset, none is. */
  recordDir?: string;
  calls: Readonly<{ redisUrl?: string; ttlSeconds: number; memoryMax: number }>;
  shutdownDelayMs: number;
  tracing: TracingConfig;
}>;

/** A setting that stops the start: names the variable and the value it had. */
export class ConfigError extends Error {
  readonly code = 'invalid_config';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment once. Empty variables count as unset, so a blank line
 * in a deployment file falls back to the default instead of failing.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );

  const parsed = envSchema.safeParse(present);
  if (!parsed.success)
    throw new ConfigError(describeIssues(parsed.error, present));

  const vars = parsed.data;
  return deepFreeze({
    port: vars.PORT,
    openai: {
      apiKey: vars.OPENAI_API_KEY,
      baseURL: vars.OPENAI_BASE_URL,
      model: vars.OPENAI_MODEL,
    },
    turnBudgetMs: vars.TURN_BUDGET_MS,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    contextMaxMessages: vars.CONTEXT_MAX_MESSAGES,
    bank: { seed: vars.BANK_SEED, db: vars.BANK_DB },
    promptsDir: vars.PROMPTS_DIR,
    log: { level: vars.LOG_LEVEL, content: vars.LOG_CONTENT },
    recordDir: vars.RECORD_DIR,
    calls: {
      redisUrl: vars.REDIS_URL,
      ttlSeconds: vars.CALL_TTL_SECONDS,
      memoryMax: vars.CALLS_IN_MEMORY_MAX,
    },
    shutdownDelayMs: vars.SHUTDOWN_DELAY_MS,
    tracing: tracingConfig(vars),
  });
}

/** Without a key or a server to talk to, no turn could ever reach a model. */
export function assertModelReachable(config: Config): void {
  if (config.openai.apiKey || config.openai.baseURL) return;

  throw new ConfigError(
    'no model provider configured: set OPENAI_API_KEY, or OPENAI_BASE_URL ' +
      'to an OpenAI-compatible server',
  );
}

function describeIssues(error: z.ZodError, env: Record<string, unknown>) {
  const lines = error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const shown = isSecret(name) ? '(hidden)' : JSON.stringify(env[name]);
    return `${name}=${shown}: ${issue.message}`;
  });
  return `invalid configuration\n  ${lines.join('\n  ')}`;
}

// Keys and exporter headers (which carry an observability backend's token)
// are never echoed back in an error message.
// A Redis URL may carry a password.
function isSecret(name: string) {
  return (
    name.includes('KEY') || name.includes('HEADERS') || name === 'REDIS_URL'
  );
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object') deepFreeze(inner);
  }
  return Object.freeze(value);
}
