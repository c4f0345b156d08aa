import { randomUUID } from 'node:crypto';
import { signWebhook } from '../../src/server/webhook-signature.js';

export const SECRET = 'whsec_dGVzdC1zaWduaW5nLXNlY3JldC0wMDAx';
export const ROTATED_SECRET = 'whsec_dGVzdC1zaWduaW5nLXNlY3JldC0wMDAy';
export const TOKEN = 'tok_test_0123456789abcdef';

/** The Standard Webhooks headers for a body, as the platform would send. */
export function signedHeaders(
  body: string,
  options: { secret?: string; id?: string; timestamp?: number } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const secret = options.secret ?? SECRET;
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
