import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toStrictJsonSchema } from '../../src/assistants/strict-json-schema.js';

describe('toStrictJsonSchema', () => {
  it('closes nested objects and requires every property', () => {
    const schema = z.object({
      to: z.object({ name: z.string() }),
      amount: z.number().nullable(),
    });

    expect(toStrictJsonSchema(schema, 'tool pay')).toEqual({
      type: 'object',
      properties: {
        to: {
          type: 'object',
          properties: { name: { type: 'string' } },
          required: ['name'],
          additionalProperties: false,
        },
        amount: { type: ['number', 'null'] },
      },
      required: ['to', 'amount'],
      additionalProperties: false,
    });
  });

  it('refuses an optional property and says to use nullable', () => {
    const schema = z.object({ note: z.string().optional() });

    expect(() => toStrictJsonSchema(schema, 'tool pay')).toThrow(
      /tool pay: property "note" at the top is optional.*\.nullable\(\)/,
    );
  });

  it('refuses what json schema cannot express', () => {
    const schema = z.object({ when: z.date() });

    expect(() => toStrictJsonSchema(schema, 'tool pay')).toThrow();
  });
});
