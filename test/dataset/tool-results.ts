import { z } from 'zod';
import type { ModelRequestBody } from '../../src/testing/scripted-model.js';

/** One tool's answer as the model read it from the request the SDK sent. */
export type ToolResult = Readonly<{
  name: string;
  ok: boolean;
  result: Readonly<Record<string, unknown>>;
  /** The tool message as sent, to show when a result is not what was expected. */
  content: string;
}>;

const assistantCalls = z.object({
  role: z.literal('assistant'),
  tool_calls: z.array(
    z.object({ id: z.string(), function: z.object({ name: z.string() }) }),
  ),
});

const toolMessage = z.object({
  role: z.literal('tool'),
  tool_call_id: z.string(),
  content: z.string(),
});

const toolContent = z.object({
  ok: z.boolean(),
  result: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Every tool result in a request, in order, named after its call. The
 * context carries only words, so these are all the current turn's.
 */
export function toolResults(request: ModelRequestBody): ToolResult[] {
  const names = new Map<string, string>();
  const results: ToolResult[] = [];

  for (const message of request.messages) {
    const calls = assistantCalls.safeParse(message);
    if (calls.success) {
      for (const call of calls.data.tool_calls)
        names.set(call.id, call.function.name);
      continue;
    }

    const tool = toolMessage.safeParse(message);
    if (!tool.success) continue;

    const name = names.get(tool.data.tool_call_id) ?? '(unknown call)';
    results.push(readResult(name, tool.data.content));
  }

  return results;
}

/** A text field of the latest result of `name`, when there is one. */
export function resultText(
  results: readonly ToolResult[],
  name: string,
  field: string,
): string | undefined {
  const value = results.findLast((result) => result.name === name)?.result[
    field
  ];
  return typeof value === 'string' ? value : undefined;
}

function readResult(name: string, content: string): ToolResult {
  const parsed = toolContent.safeParse(JSON.parse(content));
  if (!parsed.success) return { name, ok: false, result: {}, content };

  return {
    name,
    ok: parsed.data.ok,
    result: parsed.data.result ?? {},
    content,
  };
}
