import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ScriptedStep } from './scripted-model.js';
import type { TurnExpectation } from './turn-expectation.js';

const json = z.record(z.string(), z.unknown());
const delay = { delay_ms: z.number().int().min(0).optional() };

// What the model does, in the words of a conversation file. Strict, so a
// misspelt key is an error instead of a step that silently does nothing.
const modelStep = z.union([
  z.strictObject({
    tools: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          args: z.unknown().optional(),
          id: z.string().optional(),
        }),
      )
      .min(1),
    ...delay,
  }),
  z.strictObject({
    reply: z.string().nullable(),
    state: json.optional(),
    ...delay,
  }),
  z.strictObject({ content: z.string(), ...delay }),
  z.strictObject({ refusal: z.string(), ...delay }),
  z.strictObject({
    status: z.number().int().min(100).max(599),
    body: z.unknown(),
    ...delay,
  }),
  z.strictObject({ hang: z.literal(true), ...delay }),
  z.strictObject({ stall: z.literal(true), ...delay }),
]);

const toolExpectation = z.strictObject({
  name: z.string().min(1),
  args: z.unknown().optional(),
  outcome: z
    .enum([
      'ok',
      'unknown_tool',
      'invalid_arguments',
      'not_allowed',
      'failed',
      'timeout',
      'aborted',
    ])
    .optional(),
  result: z.unknown().optional(),
});

const expectation = z.strictObject({
  reply: z
    .union([z.string(), z.null(), z.strictObject({ contains: z.string() })])
    .optional(),
  tools: z.array(toolExpectation).optional(),
  state: json.optional(),
  absent: z.array(z.string()).optional(),
  fallback: z.string().nullable().optional(),
  status: z.number().int().optional(),
});

const fileSchema = z.strictObject({
  name: z.string().optional(),
  assistant: z.string().min(1).optional(),
  state: json.optional(),
  turns: z
    .array(
      z.strictObject({
        say: z.string(),
        model: z.array(modelStep).default([]),
        expect: expectation.default({}),
      }),
    )
    .min(1),
});

export type ModelStepData = z.output<typeof modelStep>;

/** A conversation written as data: each turn's utterance, model, expectation. */
export type ConversationScript = Readonly<{
  name: string;
  /** The file it came from, to name in failures. */
  file?: string;
  assistant?: string;
  state?: Record<string, unknown>;
  turns: ReadonlyArray<{
    say: string;
    model: readonly ScriptedStep[];
    expect: TurnExpectation;
  }>;
}>;

/** A conversation file that is not valid YAML or not the expected shape. */
export class ConversationFileError extends Error {
  readonly code = 'invalid_conversation_file';

  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'ConversationFileError';
  }
}

/** Reads and checks a conversation file (`.yaml`). */
export async function loadConversationFile(
  file: string,
): Promise<ConversationScript> {
  return parseConversation(await readFile(file, 'utf8'), file);
}

/** Checks a conversation given as YAML text; `name` is used in errors. */
export function parseConversation(
  text: string,
  name: string,
): ConversationScript {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error: unknown) {
    throw new ConversationFileError(name, `not valid YAML: ${String(error)}`);
  }

  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConversationFileError(name, z.prettifyError(parsed.error));
  }

  const { turns, ...rest } = parsed.data;
  return {
    ...rest,
    name: rest.name ?? name,
    file: name,
    turns: turns.map((turn) => ({ ...turn, model: turn.model.map(toStep) })),
  };
}

/** A step of a file in the scripted model's own terms. */
export function toStep(step: ModelStepData): ScriptedStep {
  const delayMs = step.delay_ms ? { delayMs: step.delay_ms } : {};

  if ('tools' in step) {
    const toolCalls = step.tools.map(({ name, args, id }) => ({
      name,
      arguments: args ?? {},
      ...(id ? { id } : {}),
    }));
    return { toolCalls, ...delayMs };
  }
  if ('reply' in step) {
    return { output: { reply: step.reply, state: step.state }, ...delayMs };
  }
  if ('content' in step) return { content: step.content, ...delayMs };
  if ('refusal' in step) return { refusal: step.refusal, ...delayMs };
  if ('hang' in step) return { hang: true };
  if ('stall' in step) return { stall: true, ...delayMs };

  return { body: step.body, status: step.status, ...delayMs };
}
