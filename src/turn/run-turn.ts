import pTimeout from 'p-timeout';
import type { Assistant } from '../assistants/assistant.js';
import type { Model, ModelResponse } from './call-model.js';
import { IdempotencyKeys } from './idempotency-key.js';
import { fitContextWindow } from './fit-context-window.js';
import { prepareMessages } from './prepare-messages.js';
import { resolveOutput, spokenReply } from './resolve-output.js';
import { runToolCalls, type ToolCallsRun } from './run-tool-calls.js';
import { applyModelPatch, StateLedger } from './state-ledger.js';
import { assignCallIds } from './tool-call-ids.js';
import { TurnBudget } from './turn-budget.js';
import { toTurnFailure, TurnFailure } from './turn-failure.js';
import { combineObservers, type TurnObserver } from './turn-observer.js';
import type {
  ChatMessage,
  TurnInput,
  TurnResult,
  TurnSummary,
} from './turn-types.js';

export type TurnDeps = Readonly<{
  assistant: Assistant;
  model: Model;
  /** When the request arrived (performance.now()); the budget counts from it. */
  startedAt?: number;
  /** Sees each model call and tool call as it completes. */
  observer?: TurnObserver;
  /** The estimated prompt size the oldest context is trimmed to fit. */
  maxPromptTokens?: number;
}>;

type Turn = Readonly<{
  input: TurnInput;
  deps: TurnDeps;
  budget: TurnBudget;
  ledger: StateLedger;
  keys: IdempotencyKeys;
  summary: TurnSummary;
  observer: TurnObserver;
}>;

/**
 * Runs one turn under its budget: model, tools, model again, until a final
 * output. It never throws: any failure, and a budget that runs out, answer
 * with the state as it stands, every completed tool effect included.
 */
export async function runTurn(
  input: TurnInput,
  deps: TurnDeps,
): Promise<TurnResult> {
  const started = deps.startedAt ?? performance.now();
  const budget = new TurnBudget(deps.assistant.budgetMs, started);
  const ledger = new StateLedger(input.state);
  const summary = newSummary(deps.assistant);
  const observer = combineObservers(deps.observer ?? {});
  const keys = new IdempotencyKeys(input);
  const turn: Turn = { input, deps, budget, ledger, keys, summary, observer };

  try {
    const result = await pTimeout(runSteps(turn), {
      milliseconds: budget.remainingMs(),
      // Built only when the budget does run out, not on every turn.
      fallback: () => {
        throw new TurnFailure('budget', `the ${budget.ms} ms budget ran out`);
      },
    });
    summary.replied = result.reply !== undefined;
    return { ...result, summary };
  } catch (error: unknown) {
    // Only a turn that did not finish can leave model requests or tools
    // running; one that did has awaited them all, so it aborts nothing (an
    // abort wakes every listener the SDK left on the signal, at a cost).
    budget.release(TURN_OVER);
    const { reason, message } = toTurnFailure(error);
    summary.fallback = { reason, detail: message };
    return { state: ledger.current(), summary };
  } finally {
    summary.durationMs = Math.round(performance.now() - started);
  }
}

// One reason for every turn: the abort only needs to say why, not where.
const TURN_OVER = new TurnFailure('budget', 'the turn is over');

async function runSteps(turn: Turn): Promise<Omit<TurnResult, 'summary'>> {
  const { assistant } = turn.deps;
  const messages = fitContextWindow(
    assistant,
    prepareMessages(assistant, turn.input),
    turn.deps.maxPromptTokens ?? Number.POSITIVE_INFINITY,
  );
  const seenIds = new Set<string>();

  for (let step = 1; step <= assistant.maxSteps; step++) {
    const lastStep = step === assistant.maxSteps;
    const response = await callModel(turn, messages, step, lastStep);

    if (response.step.kind === 'answer') {
      const output = resolveOutput(assistant, response.step.content);
      const state = applyModelPatch(turn.ledger.current(), output.state);
      return { reply: spokenReply(output.reply), state };
    }
    if (lastStep) break;

    const calls = assignCallIds(response.step.calls, seenIds);
    const firstOrder = seenIds.size - calls.length;
    const tools = await runToolCalls(calls, toolRun(turn, firstOrder));

    // The tool already said all there is to say: a second model call would
    // only cost the caller time. The model's own state keys stay as they are.
    if (tools.directReply !== undefined) {
      return { reply: tools.directReply, state: turn.ledger.current() };
    }
    messages.push({ role: 'assistant', content: null, toolCalls: calls });
    messages.push(...tools.messages);
  }

  throw new TurnFailure(
    'step_limit',
    `the model still wanted tools after ${assistant.maxSteps} steps`,
  );
}

async function callModel(
  turn: Turn,
  messages: readonly ChatMessage[],
  step: number,
  lastStep: boolean,
): Promise<ModelResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const request = {
    assistant: turn.deps.assistant,
    messages,
    toolChoice: lastStep ? 'none' : 'auto',
  } as const;
  turn.summary.steps = step;

  try {
    const response = await turn.deps.model.call(request, turn.budget);
    const record = {
      step,
      durationMs: elapsed(),
      finishReason: response.finishReason,
      ...response.usage,
    };
    turn.summary.modelCalls.push(record);
    turn.observer.modelCall?.({ record, request, response });
    return response;
  } catch (error: unknown) {
    const record = {
      step,
      durationMs: elapsed(),
      error: toTurnFailure(error).reason,
    };
    turn.summary.modelCalls.push(record);
    turn.observer.modelCall?.({ record, request, error });
    throw error;
  }
}

function toolRun(turn: Turn, firstOrder: number): ToolCallsRun {
  return {
    assistant: turn.deps.assistant,
    input: turn.input,
    ledger: turn.ledger,
    budget: turn.budget,
    keys: turn.keys,
    firstOrder,
    onResult: (call, record, result) => {
      turn.summary.toolCalls.push(record);
      turn.observer.toolCall?.({ call, record, result });
    },
  };
}

function newSummary(assistant: Assistant): TurnSummary {
  return {
    assistant: assistant.id,
    durationMs: 0,
    steps: 0,
    modelCalls: [],
    toolCalls: [],
    replied: false,
  };
}
