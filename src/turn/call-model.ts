import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { Assistant } from '../assistants/assistant.js';
import { withModelRetry } from './model-retry.js';
import { RequestTemplate } from './request-template.js';
import { safeUnicode } from './safe-unicode.js';
import type { TurnBudget } from './turn-budget.js';
import { TurnFailure } from './turn-failure.js';
import type { ChatMessage, ToolCall } from './turn-types.js';

/** One answer of the model: tool calls to run, or the final output text. */
export type ModelStep =
  | Readonly<{ kind: 'tool_calls'; calls: ToolCall[] }>
  | Readonly<{ kind: 'answer'; content: string }>;

export type ModelResponse = Readonly<{
  step: ModelStep;
  finishReason: string;
  usage: Readonly<{
    tokensIn?: number;
    tokensOut?: number;
    cachedTokens?: number;
  }>;
}>;

export type ModelRequest = Readonly<{
  assistant: Assistant;
  messages: readonly ChatMessage[];
  /** On the last allowed step the model must answer, so tools are off. */
  toolChoice: 'auto' | 'none';
}>;

/** The model provider as the engine sees it: one call, our own types. */
export type Model = Readonly<{
  call: (request: ModelRequest, budget: TurnBudget) => Promise<ModelResponse>;
}>;

export type ModelOptions = Readonly<{
  apiKey?: string;
  baseURL?: string;
  /** Replaces the SDK's fetch, to record the wire exchanges of a turn. */
  fetch?: typeof fetch;
}>;

/** A model over the official SDK's Chat Completions, one client per process. */
export function createModel(options: ModelOptions): Model {
  const client = new OpenAI({
    // OpenAI-compatible local servers often need no key, but the SDK does.
    apiKey: options.apiKey ?? 'not-needed',
    baseURL: options.baseURL,
    maxRetries: 0,
    // A model API never redirects a completion. Refusing redirects also spares
    // fetch a copy of every request body, kept in case it had to be resent.
    fetchOptions: { redirect: 'error' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const template = new RequestTemplate();

  return {
    async call(request, budget) {
      const params = template.params(
        request.assistant,
        request.messages.map(toSdkMessage),
        request.toolChoice,
      );
      const completion = await withModelRetry(budget, () =>
        client.chat.completions.create(params, {
          signal: budget.signal,
          timeout: Math.max(1, Math.ceil(budget.remainingMs())),
        }),
      );
      return readCompletion(completion);
    },
  };
}

// Every text passes here on its way out, whoever wrote it (the caller, the
// state, a tool), so this is where half-characters are mended.
function toSdkMessage(message: ChatMessage): ChatCompletionMessageParam {
  if (message.role === 'tool') {
    return {
      role: 'tool',
      tool_call_id: message.toolCallId,
      content: safeUnicode(message.content),
    };
  }
  if (message.role !== 'assistant' || !message.toolCalls?.length) {
    return { role: message.role, content: safeUnicode(message.content ?? '') };
  }

  return {
    role: 'assistant',
    content: message.content,
    tool_calls: message.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    })),
  };
}

function readCompletion(completion: ChatCompletion): ModelResponse {
  const choice = completion.choices?.[0];
  if (!choice) throw new TurnFailure('bad_output', 'the model sent no choices');

  const { message } = choice;
  const finishReason = String(choice.finish_reason ?? 'unknown');
  const usage = {
    tokensIn: completion.usage?.prompt_tokens,
    tokensOut: completion.usage?.completion_tokens,
    cachedTokens: completion.usage?.prompt_tokens_details?.cached_tokens,
  };

  assertUsableFinish(finishReason, message?.refusal);
  return { step: readStep(message), finishReason, usage };
}

function assertUsableFinish(
  finishReason: string,
  refusal: string | null | undefined,
) {
  if (refusal) throw new TurnFailure('refusal', 'the model refused to answer');
  if (finishReason === 'length') {
    throw new TurnFailure('length', 'the model hit its output token limit');
  }
  if (finishReason === 'content_filter') {
    throw new TurnFailure(
      'content_filter',
      "the provider's content filter stopped the answer",
    );
  }
}

function readStep(
  message: ChatCompletion.Choice['message'] | undefined,
): ModelStep {
  // OpenAI-compatible servers omit `type`, ids or arguments at times; the
  // engine gives every call an id of its own and reads "" as no arguments.
  const calls = (message?.tool_calls ?? []).flatMap((call) => {
    if (!('function' in call) || !call.function) return [];

    const { name, arguments: args } = call.function;
    return [{ id: call.id ?? '', name: name ?? '', arguments: args ?? '' }];
  });
  if (calls.length > 0) return { kind: 'tool_calls', calls };

  const content = message?.content;
  if (typeof content !== 'string' || content.trim() === '') {
    throw new TurnFailure(
      'bad_output',
      'the model answered with neither tool calls nor content',
    );
  }
  return { kind: 'answer', content };
}
