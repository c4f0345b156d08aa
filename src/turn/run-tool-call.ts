import type { z } from 'zod';
import type { Assistant } from '../assistants/assistant.js';
import type {
  Json,
  State,
  ToolDefinition,
  ToolOutcome,
} from '../assistants/tool.js';
import type { IdempotencyKeys } from './idempotency-key.js';
import { spokenReply } from './resolve-output.js';
import type { StatePatch } from './state-ledger.js';
import type { TurnBudget } from './turn-budget.js';
import type { ToolCall, ToolCallOutcome, TurnInput } from './turn-types.js';

const DEFAULT_TOOL_TIMEOUT_MS = 3000;

// Aborting without a reason builds a DOMException, stack and all, on every
// tool call; one shared reason says the same for free.
const CALL_OVER = new Error('the tool call is over');
// The same for a tool that overruns its own timeout. (p-timeout, used for the
// whole turn, builds a stack-traced error up front on every call: affordable
// once a turn, not once a tool call.)
const TOOL_TIMED_OUT = new Error('the tool call took too long');

/** What one tool call produced: the message for the model, maybe a patch. */
export type ToolCallResult = Readonly<{
  outcome: ToolCallOutcome;
  content: string;
  patch?: StatePatch;
  /** The tool's own sentence for the caller, when it gave one. */
  reply?: string;
  error?: unknown;
}>;

type ToolRun = Readonly<{
  assistant: Assistant;
  input: TurnInput;
  state: State;
  budget: TurnBudget;
  keys: IdempotencyKeys;
}>;

/**
 * Runs one tool call. Whatever goes wrong (an unknown tool, bad arguments, an
 * unmet requirement, a throw, a timeout) becomes a result the model reads and
 * can act on, never an exception up the stack.
 */
export async function runToolCall(
  call: ToolCall,
  run: ToolRun,
): Promise<ToolCallResult> {
  const tool = run.assistant.tools.get(call.name);
  if (!tool) {
    const valid = [...run.assistant.tools.keys()];
    return failure('unknown_tool', `There is no tool "${call.name}".`, {
      valid_tools: valid,
    });
  }

  const args = parseArguments(tool, call.arguments);
  if (!args.ok)
    return failure('invalid_arguments', args.message, { issues: args.issues });

  const unmet = tool.requires?.(run.state);
  if (unmet) return failure('not_allowed', unmet);

  const key = run.keys.next(tool.name, args.value);
  return execute(tool, args.value, { ...call, key }, run);
}

type ParsedArguments =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string; issues: Json };

function parseArguments(tool: ToolDefinition, raw: string): ParsedArguments {
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return {
      ok: false,
      message: 'The arguments are not valid JSON.',
      issues: [],
    };
  }

  const parsed = tool.parameters.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };

  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.') || '(arguments)',
    message: issue.message,
  }));
  return { ok: false, message: `Invalid arguments for ${tool.name}.`, issues };
}

async function execute(
  tool: ToolDefinition,
  args: z.output<ToolDefinition['parameters']>,
  call: ToolCall & { key: string },
  run: ToolRun,
): Promise<ToolCallResult> {
  const controller = new AbortController();
  const stop = () => controller.abort(run.budget.signal.reason);
  if (run.budget.signal.aborted) stop();
  run.budget.signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(
    () => controller.abort(TOOL_TIMED_OUT),
    tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
  );

  try {
    const outcome = await untilAborted(
      tool.run(args, {
        state: run.state,
        signal: controller.signal,
        callId: call.id,
        turn: {
          callId: run.input.callId,
          assistantId: run.input.assistantId,
          timestamp: run.input.timestamp,
        },
        idempotencyKey: call.key,
      }),
      controller.signal,
    );
    return success(tool, outcome);
  } catch (error: unknown) {
    return thrown(tool, error, run.budget);
  } finally {
    clearTimeout(timer);
    run.budget.signal.removeEventListener('abort', stop);
    controller.abort(CALL_OVER);
  }
}

// A tool that ignores its signal is not waited for: the call settles with the
// abort's reason, and whatever the tool does later is dropped.
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  // A tool in plain JavaScript may hand back a value, not a promise.
  const settled = Promise.resolve(work);
  if (signal.aborted) {
    // Nobody waits for it now, but a late failure must not go unhandled.
    settled.catch(() => {});
    return Promise.reject(signal.reason as Error);
  }

  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    settled.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

function success(tool: ToolDefinition, outcome: ToolOutcome): ToolCallResult {
  const patch = { set: outcome.patch ?? {}, remove: outcome.remove ?? [] };
  const touched = [...Object.keys(patch.set), ...patch.remove];
  const undeclared = touched.filter(
    (key) => !(tool.writes ?? []).includes(key),
  );

  if (undeclared.length > 0) {
    const error = new Error(
      `tool ${tool.name} changed state keys it does not declare in writes: ` +
        undeclared.join(', '),
    );
    return { ...failure('failed', `${tool.name} failed.`), error };
  }

  const content = JSON.stringify({ ok: true, result: outcome.result });
  // Tools in plain JavaScript can hand back anything; only text is spoken.
  const reply =
    typeof outcome.reply === 'string' ? spokenReply(outcome.reply) : undefined;
  return {
    outcome: 'ok',
    content,
    ...(touched.length > 0 ? { patch } : {}),
    ...(reply === undefined ? {} : { reply }),
  };
}

function thrown(
  tool: ToolDefinition,
  error: unknown,
  budget: TurnBudget,
): ToolCallResult {
  // Stopped on purpose because the turn is over: not the tool's failure.
  if (budget.signal.aborted) {
    return failure(
      'aborted',
      `${tool.name} was stopped: the turn ran out of time.`,
    );
  }
  if (error === TOOL_TIMED_OUT) {
    return {
      ...failure('timeout', `${tool.name} took too long and was stopped.`),
      error,
    };
  }

  // The model learns that the tool failed, not why: the error text may carry
  // backend details the caller must not hear.
  return {
    ...failure('failed', `${tool.name} failed. It may work if tried later.`),
    error,
  };
}

function failure(
  outcome: ToolCallOutcome,
  message: string,
  details: Record<string, Json> = {},
) {
  const content = JSON.stringify({
    ok: false,
    error: { code: outcome, message, ...details },
  });
  return { outcome, content };
}
