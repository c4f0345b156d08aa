import { randomUUID } from 'node:crypto';
import { signWebhook } from '../server/webhook-signature.js';
import { postJson } from './test-webhook.js';
import type { WebhookTarget } from './webhook-target.js';

/** How to get past a webhook's door: a bearer token or a signing secret. */
export type RemoteCredentials = Readonly<{ token?: string; secret?: string }>;

/** A webhook running elsewhere, reached at its URL (`.../webhook`). */
export function remoteWebhook(
  url: string,
  credentials: RemoteCredentials = {},
): WebhookTarget {
  const endpoint = new URL(url);
  if (!/^https?:$/.test(endpoint.protocol)) {
    throw new Error(`expected an http(s) webhook URL, got ${url}`);
  }

  return {
    post: (body) =>
      postJson(endpoint.href, body, (raw) => doorHeaders(credentials, raw)),
  };
}

// Signed as the platform signs: over the exact bytes sent, freshly each time.
function doorHeaders(
  { token, secret }: RemoteCredentials,
  raw: string,
): Record<string, string> {
  if (secret) {
    const id = `msg_${randomUUID()}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signWebhook(secret, id, timestamp, Buffer.from(raw));
    return {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    };
  }
  return token ? { authorization: `Bearer ${token}` } : {};
}
