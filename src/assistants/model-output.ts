import { z } from 'zod';
import type { ModelOutput } from './assistant.js';
import { toStrictJsonSchema } from './strict-json-schema.js';

/** How a prompt file declares one state key the model may write. */
export const stateFieldSpec = z.union([
  z.enum(['string', 'number', 'integer', 'boolean']),
  z.strictObject({
    type: z.enum(['string', 'number', 'integer', 'boolean']).optional(),
    enum: z.array(z.string()).min(1).optional(),
    description: z.string().optional(),
  }),
]);

export type StateFieldSpec = z.infer<typeof stateFieldSpec>;

/**
 * Builds the schema of the model's final answer: a reply or null, and only the
 * state keys the model may write, each nullable (null leaves the key as it
 * is). Keys that carry trust are not in it, so the model cannot express them.
 */
export function buildModelOutput(
  writable: Readonly<Record<string, StateFieldSpec>>,
  owner: string,
) {
  const fields = Object.entries(writable).map(
    ([key, spec]) => [key, toZod(spec).nullable()] as const,
  );
  const reply = z
    .string()
    .nullable()
    .describe('What to say aloud, or null to let the platform answer.');

  const strict = z.strictObject({
    reply,
    state: z.strictObject(Object.fromEntries(fields)),
  });

  // Providers without strict mode sometimes leave a null key out; a missing
  // key means the same as null, so only unknown keys and wrong types fail.
  const lenient = z.strictObject({
    reply,
    state: z.strictObject(
      Object.fromEntries(fields.map(([key, field]) => [key, field.optional()])),
    ),
  });

  return {
    output: lenient as z.ZodType<ModelOutput>,
    outputJsonSchema: toStrictJsonSchema(strict, owner),
  };
}

function toZod(spec: StateFieldSpec): z.ZodType {
  const field = typeof spec === 'string' ? { type: spec } : spec;
  const base = field.enum ? z.enum(field.enum) : scalar(field.type ?? 'string');
  return field.description ? base.describe(field.description) : base;
}

function scalar(type: 'string' | 'number' | 'integer' | 'boolean') {
  if (type === 'number') return z.number();
  if (type === 'integer') return z.int();
  if (type === 'boolean') return z.boolean();
  return z.string();
}
