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
  contextMaxChars: 16_000,
  utteranceMaxChars: 4000,
  stateMaxBytes: 256 * 1024,
  stateMaxDepth: 20,
  // Estimated as characters / 4; well inside gpt-4o-mini's 128k window.
  maxPromptTokens: 64_000,
  maxTurnsInFlight: 200,
  breakerFailures: 5,
  breakerCooldownMs: 10_000,
  transferCap: '10000.00',
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

const amount = z.string().regex(/^\d+(\.\d{1,2})?$/, {
  error: 'expected an amount like 10000.00',
});

// "whsec_" then base64, as Standard Webhooks writes its secrets.
export const signingSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'expected whsec_<base64>');

const list = (item: z.ZodString) =>
  z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(item));

// "asst_a=500.00,asst_b=20000": a cap for the platform's assistant ids named.
const capsByAssistant = list(
  z.string().regex(/^[^=\s]+=\d+(\.\d{1,2})?$/),
).transform((pairs) =>
  Object.fromEntries(pairs.map((pair) => pair.split('='))),
);

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
  CONTEXT_MAX_CHARS: whole(0, 10_000_000).default(DEFAULTS.contextMaxChars),
  UTTERANCE_MAX_CHARS: whole(1, 10_000_000).default(DEFAULTS.utteranceMaxChars),
  STATE_MAX_BYTES: whole(2, 64 * 1024 * 1024).default(DEFAULTS.stateMaxBytes),
  STATE_MAX_DEPTH: whole(1, 1000).default(DEFAULTS.stateMaxDepth),
  MODEL_MAX_PROMPT_TOKENS: whole(1000, 10_000_000).default(
    DEFAULTS.maxPromptTokens,
  ),
  MAX_TURNS_IN_FLIGHT: whole(1, 100_000).default(DEFAULTS.maxTurnsInFlight),
  MODEL_BREAKER_FAILURES: whole(1, 1000).default(DEFAULTS.breakerFailures),
  MODEL_BREAKER_COOLDOWN_MS: whole(100, 3_600_000).default(
    DEFAULTS.breakerCooldownMs,
  ),
  WEBHOOK_SECRETS: list(signingSecret).optional(),
  WEBHOOK_TOKEN: z
    .string()
    .min(16, 'expected at least 16 characters')
    .optional(),
  WEBHOOK_AUTH: z.enum(['on', 'off']).default('on'),
  NODE_ENV: z.string().optional(),
  BANK_TRANSFER_CAP: amount.default(DEFAULTS.transferCap),
  BANK_TRANSFER_CAPS: capsByAssistant.optional(),
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

/** Caps on one request's parts; see parseRequestLimits in server/. */
export type RequestLimits = Readonly<{
  utteranceMaxChars: number;
  contextMaxChars: number;
  stateMaxBytes: number;
  stateMaxDepth: number;
}>;

/** Who may call the webhook: signing secrets, a bearer token, or anyone. */
export type AuthConfig = Readonly<{
  mode: 'on' | 'off';
  secrets: readonly string[];
  token?: string;
  production: boolean;
}>;

/** The name of every variable the webhook reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type Config = Readonly<{
  port: number;
  openai: Readonly<{ apiKey?: string; baseURL?: string; model: string }>;
  turnBudgetMs: number;
  bodyLimitBytes: number;
  contextMaxMessages: number;
  limits: RequestLimits;
  maxPromptTokens: number;
  maxTurnsInFlight: number;
  breaker: Readonly<{ failures: number; cooldownMs: number }>;
  auth: AuthConfig;
  bank: Readonly<{
    seed: string;
    db: string;
    /** Largest transfer, as "10000.00", unless the assistant has its own. */
    transferCap: string;
    transferCaps: Readonly<Record<string, string>>;
  }>;
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
    limits: {
      utteranceMaxChars: vars.UTTERANCE_MAX_CHARS,
      contextMaxChars: vars.CONTEXT_MAX_CHARS,
      stateMaxBytes: vars.STATE_MAX_BYTES,
      stateMaxDepth: vars.STATE_MAX_DEPTH,
    },
    maxPromptTokens: vars.MODEL_MAX_PROMPT_TOKENS,
    maxTurnsInFlight: vars.MAX_TURNS_IN_FLIGHT,
    breaker: {
      failures: vars.MODEL_BREAKER_FAILURES,
      cooldownMs: vars.MODEL_BREAKER_COOLDOWN_MS,
    },
    auth: {
      mode: vars.WEBHOOK_AUTH,
      secrets: vars.WEBHOOK_SECRETS ?? [],
      token: vars.WEBHOOK_TOKEN,
      production: vars.NODE_ENV === 'production',
    },
    bank: {
      seed: vars.BANK_SEED,
      db: vars.BANK_DB,
      transferCap: vars.BANK_TRANSFER_CAP,
      transferCaps: vars.BANK_TRANSFER_CAPS ?? {},
    },
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

/**
 * In production a webhook that anyone on the internet may call is refused,
 * unless the deployment says so on purpose with WEBHOOK_AUTH=off.
 */
export function assertAuthConfigured(config: Config): void {
  const { auth } = config;
  const hasCredentials = auth.secrets.length > 0 || auth.token !== undefined;
  if (!auth.production || auth.mode === 'off' || hasCredentials) return;

  throw new ConfigError(
    'NODE_ENV=production but no caller authentication: set WEBHOOK_SECRETS ' +
      '(whsec_...) or WEBHOOK_TOKEN, or WEBHOOK_AUTH=off to accept anyone',
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

// Keys, secrets, tokens and exporter headers (which carry an observability
// backend's token) are never echoed back in an error message, nor a Redis
// URL, which may carry a password.
function isSecret(name: string): boolean {
  return /KEY|SECRET|TOKEN|HEADERS/.test(name) || name === 'REDIS_URL';
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object') deepFreeze(inner);
  }
  return Object.freeze(value);
}
