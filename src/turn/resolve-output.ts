import type { Assistant, ModelOutput } from '../assistants/assistant.js';
import { TurnFailure } from './turn-failure.js';

/**
 * Reads the model's final text as the assistant's output schema. Anything
 * that is not valid JSON of that exact shape is the model's fault, and the
 * turn falls back rather than guess.
 */
export function resolveOutput(
  assistant: Assistant,
  content: string,
): ModelOutput {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new TurnFailure('bad_output', 'the final output is not valid JSON');
  }

  const parsed = assistant.output.safeParse(json);
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'the output';
  throw new TurnFailure(
    'bad_output',
    `the final output breaks the schema at ${where}: ${issue?.message}`,
  );
}

/** A reply of nothing but white space is no reply. */
export function spokenReply(
  reply: string | null | undefined,
): string | undefined {
  const trimmed = reply?.trim();
  return trimmed ? trimmed : undefined;
}
