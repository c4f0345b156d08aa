import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a `webhook-timestamp` may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const SECRET_PREFIX = 'whsec_';

/** The HMAC key inside a `whsec_<base64>` secret. */
export function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX)
    ? secret.slice(SECRET_PREFIX.length)
    : secret;
  return Buffer.from(encoded, 'base64');
}

/**
 * Signs a request the Standard Webhooks way: HMAC-SHA256 over
 * `{id}.{timestamp}.{body}`, written as `v1,<base64>`.
 */
export function signWebhook(
  secret: string,
  id: string,
  timestamp: number | string,
  body: Buffer | string,
): string {
  const mac = createHmac('sha256', signingKey(secret));
  mac.update(`${id}.${timestamp}.`);
  mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

/**
 * Whether any `v1` entry of a `webhook-signature` header was made with any of
 * the keys over exactly these bytes. Every comparison takes the same time,
 * so a forger learns nothing from how long a refusal took.
 */
export function hasValidSignature(
  keys: readonly Buffer[],
  header: string,
  signed: Readonly<{ id: string; timestamp: string; body: Buffer }>,
): boolean {
  const given = header
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));

  let valid = false;
  for (const key of keys) {
    const expected = createHmac('sha256', key)
      .update(`${signed.id}.${signed.timestamp}.`)
      .update(signed.body)
      .digest();
    for (const candidate of given) {
      // Not short-circuited: every pair is compared whatever came before.
      const same =
        candidate.length === expected.length &&
        timingSafeEqual(candidate, expected);
      valid = same || valid;
    }
  }
  return valid;
}
