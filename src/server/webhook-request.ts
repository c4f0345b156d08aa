import { z } from 'zod';
import type { State } from '../assistants/tool.js';
import type { ContextMessage, TurnInput } from '../turn/turn-types.js';
import { HttpError } from './http-error.js';

const MAX_ID_LENGTH = 256;

const requestSchema = z.object({
  call_id: z.string().min(1).max(MAX_ID_LENGTH),
  assistant_id: z.string().min(1).max(MAX_ID_LENGTH),
  utterance: z.string(),
  // The platform sends whatever the webhook returned last; before the first
  // answer that may be nothing at all.
  // Checked, not copied: the body came from JSON.parse, so every value is
  // JSON already, and copying would walk deep state twice.
  state: z
    .custom<Record<string, unknown> | null | undefined>(
      (state) => state == null || isPlainObject(state),
    )
    .optional()
    .transform((state) => state ?? {}),
  // Advisory: a bad entry is dropped, not refused; only the list is checked.
  context: z
    .array(z.unknown())
    .nullish()
    .transform((context) => context ?? []),
  timestamp: z.iso.datetime({ offset: true, local: true }),
});

export type WebhookRequest = Readonly<{
  input: TurnInput;
  /** Roles of context entries that were dropped, for the log. */
  dropped: readonly string[];
}>;

/**
 * Checks a body against the contract and builds the turn's input. A body that
 * is not the contract is refused with an error that names the field.
 */
export function parseWebhookRequest(
  body: unknown,
  contextMax: number,
): WebhookRequest {
  if (!isPlainObject(body)) {
    throw new HttpError(
      400,
      'invalid_body',
      `expected the body to be a JSON object, got ${describe(body)}`,
    );
  }

  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) throw toFieldError(parsed.error, body);

  const request = parsed.data;
  const { kept, dropped } = sanitizeContext(request.context, contextMax);
  const input: TurnInput = {
    callId: request.call_id,
    assistantId: request.assistant_id,
    utterance: request.utterance,
    state: request.state as State,
    context: kept,
    timestamp: request.timestamp,
  };
  return { input, dropped };
}

function sanitizeContext(entries: readonly unknown[], max: number) {
  const kept: ContextMessage[] = [];
  const dropped: string[] = [];

  for (const entry of entries) {
    const { role, content } = isPlainObject(entry) ? entry : {};
    const usable =
      (role === 'user' || role === 'assistant') && typeof content === 'string';

    if (usable) kept.push({ role, content });
    else
      dropped.push(
        typeof role === 'string' ? role.slice(0, 32) : describe(role),
      );
  }

  // Oldest first: the latest lines matter most to the current utterance.
  return { kept: max === 0 ? [] : kept.slice(-max), dropped };
}

function toFieldError(
  error: z.ZodError,
  body: Record<string, unknown>,
): HttpError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  const value = issue?.path.reduce<unknown>(
    (inner, key) =>
      isPlainObject(inner) || Array.isArray(inner)
        ? (inner as Record<PropertyKey, unknown>)[key]
        : undefined,
    body,
  );

  if (value === undefined && issue?.code === 'invalid_type') {
    return new HttpError(
      400,
      'missing_field',
      `\`${field}\` is required`,
      field,
    );
  }
  const expected =
    EXPECTED[field.split('.')[0] ?? ''] ?? issue?.message ?? 'something else';
  return new HttpError(
    400,
    'invalid_field',
    `expected \`${field}\` to be ${expected}, got ${describe(value)}`,
    field,
  );
}

const EXPECTED: Record<string, string> = {
  call_id: `a non-empty string of at most ${MAX_ID_LENGTH} characters`,
  assistant_id: `a non-empty string of at most ${MAX_ID_LENGTH} characters`,
  utterance: 'a string',
  state: 'an object of JSON values (or null)',
  context: 'an array of {role, content}',
  timestamp: 'an ISO 8601 date-time such as "2024-01-15T10:30:00Z"',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string')
    return value.length > 40
      ? `a string of ${value.length} characters`
      : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean')
    return `${typeof value} ${value}`;
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
