import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { Assistant } from '../assistants/assistant.js';

type StaticParams = Omit<
  ChatCompletionCreateParamsNonStreaming,
  'messages' | 'tool_choice'
>;

/**
 * The parts of a Chat Completions request that never change for an
 * assistant, built once and reused by every turn. Key order is part of the
 * contract: model, answer schema and tools come before the messages, so the
 * serialized request starts with the same bytes on every turn of a call.
 */
export class RequestTemplate {
  readonly #byAssistant = new WeakMap<Assistant, StaticParams>();

  params(
    assistant: Assistant,
    messages: ChatCompletionMessageParam[],
    toolChoice: 'auto' | 'none',
  ): ChatCompletionCreateParamsNonStreaming {
    const fixed = this.#fixed(assistant);
    if (!fixed.tools) return { ...fixed, messages };

    return { ...fixed, messages, tool_choice: toolChoice };
  }

  #fixed(assistant: Assistant): StaticParams {
    const known = this.#byAssistant.get(assistant);
    if (known) return known;

    const built = buildStatic(assistant);
    this.#byAssistant.set(assistant, built);
    return built;
  }
}

function buildStatic(assistant: Assistant): StaticParams {
  const tools = assistant.toolSpecs.map((spec) => ({
    type: 'function' as const,
    function: { ...spec, strict: true },
  }));

  return {
    model: assistant.model,
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'turn_output',
        strict: true,
        schema: assistant.outputJsonSchema,
      },
    },
    ...(tools.length > 0 ? { tools } : {}),
  };
}
