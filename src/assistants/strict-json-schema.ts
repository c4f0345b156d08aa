import { z } from 'zod';

/**
 * Converts a zod schema to JSON Schema that the provider accepts in strict
 * mode: every object closed and every property required. A schema that cannot
 * be strict (an optional property, say) is refused at startup rather than
 * failing on the first call.
 */
export function toStrictJsonSchema(
  schema: z.ZodType,
  owner: string,
): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { unrepresentable: 'throw' });
  const { $schema: _dialect, ...jsonSchema } = converted;

  assertStrict(jsonSchema, owner, '');
  return jsonSchema;
}

function assertStrict(node: unknown, owner: string, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => assertStrict(item, owner, `${path}[${i}]`));
    return;
  }
  if (!node || typeof node !== 'object') return;

  const object = node as Record<string, unknown>;
  if (object.type === 'object' && object.properties) {
    assertClosedObject(object, owner, path);
  }

  for (const [key, inner] of Object.entries(object)) {
    assertStrict(inner, owner, path ? `${path}.${key}` : key);
  }
}

function assertClosedObject(
  object: Record<string, unknown>,
  owner: string,
  path: string,
) {
  const keys = Object.keys(object.properties as object);
  const required = new Set((object.required as string[] | undefined) ?? []);
  const optional = keys.filter((key) => !required.has(key));

  if (optional.length > 0) {
    throw new Error(
      `${owner}: property ${optional.map((k) => `"${k}"`).join(', ')} ` +
        `at ${path || 'the top'} is optional; strict mode needs every ` +
        'property required, so use .nullable() instead of .optional()',
    );
  }

  object.additionalProperties = false;
}
