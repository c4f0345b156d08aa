import { postJson } from './test-webhook.js';
import type { WebhookTarget } from './webhook-target.js';

/** A webhook running elsewhere, reached at its URL (`.../webhook`). */
export function remoteWebhook(url: string): WebhookTarget {
  const endpoint = new URL(url);
  if (!/^https?:$/.test(endpoint.protocol)) {
    throw new Error(`expected an http(s) webhook URL, got ${url}`);
  }

  return { post: (body) => postJson(endpoint.href, body) };
}
