/**
 * Placeholders for personal data that keep its shape: objects keep their
 * keys, arrays their length, strings become `[N chars]`, numbers 0. A
 * recording made this way still shows what happened, not what was said.
 */
export function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return `[${value.length} chars]`;
  if (typeof value === 'number') return 0;
  if (Array.isArray(value)) return value.map(maskValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, maskValue(inner)]),
    );
  }
  return value;
}

/** Text that may hold JSON (tool arguments, a final output): masked inside. */
export function maskText(text: unknown): unknown {
  if (typeof text !== 'string') return maskValue(text);

  try {
    return JSON.stringify(maskValue(JSON.parse(text)));
  } catch {
    return maskValue(text);
  }
}

type WireMessage = Record<string, unknown> & {
  content?: unknown;
  refusal?: unknown;
  tool_calls?: unknown;
};

/**
 * A Chat Completions message with what the caller said, what tools returned
 * and what the model answered masked; roles, ids and tool names kept.
 */
export function maskWireMessage(message: WireMessage): WireMessage {
  const masked: WireMessage = { ...message };
  if (message.content != null) masked.content = maskText(message.content);
  if (message.refusal != null) masked.refusal = maskValue(message.refusal);
  if (Array.isArray(message.tool_calls)) {
    masked.tool_calls = message.tool_calls.map(maskToolCall);
  }
  return masked;
}

function maskToolCall(call: unknown): unknown {
  if (typeof call !== 'object' || call === null) return call;

  const { function: fn, ...rest } = call as { function?: unknown };
  if (typeof fn !== 'object' || fn === null) return call;

  const { arguments: args, ...named } = fn as { arguments?: unknown };
  return { ...rest, function: { ...named, arguments: maskText(args) } };
}
