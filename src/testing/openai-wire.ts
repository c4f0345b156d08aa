/**
 * Chat Completions response bodies in the provider's real wire format, so
 * the official SDK parses them exactly as it parses the provider's answers.
 */

export type WireToolCall = Readonly<{
  id?: string;
  name: string;
  /** An object is sent as JSON; a string is sent as it is, valid or not. */
  arguments?: unknown;
}>;

export type WireUsage = Readonly<{
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}>;

let sequence = 0;

export function completion(
  message: Record<string, unknown>,
  finishReason: string,
  usage: WireUsage = { prompt_tokens: 120, completion_tokens: 20 },
) {
  sequence += 1;
  return {
    id: `chatcmpl-scripted-${sequence}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'scripted-model',
    choices: [
      { index: 0, message, logprobs: null, finish_reason: finishReason },
    ],
    usage: {
      prompt_tokens: usage.prompt_tokens,
      completion_tokens: usage.completion_tokens,
      total_tokens: usage.prompt_tokens + usage.completion_tokens,
      prompt_tokens_details: { cached_tokens: usage.cached_tokens ?? 0 },
    },
  };
}

export function toolCallsCompletion(calls: readonly WireToolCall[]) {
  const toolCalls = calls.map((call, index) => ({
    id: call.id ?? `call_scripted_${sequence}_${index}`,
    type: 'function',
    function: {
      name: call.name,
      arguments:
        typeof call.arguments === 'string'
          ? call.arguments
          : JSON.stringify(call.arguments ?? {}),
    },
  }));
  const message = {
    role: 'assistant',
    content: null,
    refusal: null,
    tool_calls: toolCalls,
  };
  return completion(message, 'tool_calls');
}

export function contentCompletion(content: string, finishReason = 'stop') {
  return completion(
    { role: 'assistant', content, refusal: null },
    finishReason,
  );
}

export function refusalCompletion(refusal: string) {
  return completion({ role: 'assistant', content: null, refusal }, 'stop');
}
