import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { AuthConfig } from '../config/config.js';
import { HttpError } from './http-error.js';
import { SeenWebhookIds } from './seen-webhook-ids.js';
import {
  hasValidSignature,
  SIGNATURE_TOLERANCE_SECONDS,
  signingKey,
} from './webhook-signature.js';

// Bounds the memory of the replay guard: ids of the last five minutes.
const MAX_REMEMBERED_IDS = 100_000;

type Signed = { id: string; timestamp: string; signature: string };

/**
 * The door of the webhook, in three steps around the body parser: the
 * headers before the body is read, the signature over the raw bytes while
 * it is read, and a last check that a signed request was really verified.
 */
export type Authenticator = Readonly<{
  checkHeaders: (req: Request, res: Response, next: NextFunction) => void;
  /** For express.json's `verify`: sees the bytes exactly as received. */
  verifyBody: (req: IncomingMessage, res: unknown, body: Buffer) => void;
  checkVerified: (req: Request, res: Response, next: NextFunction) => void;
}>;

/**
 * Accepts a request signed with any of the secrets (Standard Webhooks) or
 * carrying the bearer token. Gives undefined when authentication is off or
 * nothing is configured: then every request is let in.
 */
export function createAuthenticator(
  auth: AuthConfig,
  now: () => number = Date.now,
): Authenticator | undefined {
  const keys = auth.secrets.map(signingKey);
  const token = auth.token;
  if (auth.mode === 'off' || (keys.length === 0 && token === undefined)) {
    return undefined;
  }

  // A timestamp up to five minutes ahead stays acceptable for ten minutes,
  // so its id is remembered that long.
  const seen = new SeenWebhookIds(
    SIGNATURE_TOLERANCE_SECONDS * 1000 * 2,
    MAX_REMEMBERED_IDS,
    now,
  );
  // What checkHeaders read, until the body arrives to be checked against it.
  const pending = new WeakMap<IncomingMessage, Signed>();
  const verified = new WeakSet<IncomingMessage>();

  return {
    checkHeaders(req, res, next) {
      const bearer = bearerOf(req);
      if (token !== undefined && bearer !== undefined) {
        if (!sameSecret(bearer, token)) return next(refusal('invalid_token'));
        res.locals.authenticated = 'token';
        return next();
      }
      if (keys.length === 0 || !hasSignatureHeaders(req)) {
        return next(refusal('missing_credentials', describeExpected(auth)));
      }

      const signed = readSignatureHeaders(req, now(), seen);
      pending.set(req, signed);
      next();
    },

    verifyBody(req, _res, body) {
      const signed = pending.get(req);
      if (!signed) return;

      pending.delete(req);
      if (!hasValidSignature(keys, signed.signature, { ...signed, body })) {
        throw refusal('invalid_signature');
      }
      if (!seen.remember(signed.id)) throw refusal('replayed_request');
      verified.add(req);
    },

    // A body the parser skipped (none at all, say) was never verified.
    checkVerified(req, res, next) {
      if (res.locals.authenticated === 'token' || verified.has(req)) {
        return next();
      }

      pending.delete(req);
      next(refusal('invalid_signature'));
    },
  };
}

function readSignatureHeaders(
  req: Request,
  nowMs: number,
  seen: SeenWebhookIds,
): Signed {
  const id = req.get('webhook-id');
  const timestamp = req.get('webhook-timestamp');
  const signature = req.get('webhook-signature');
  if (!id || !timestamp || !signature) {
    throw refusal(
      'missing_credentials',
      'a signed request needs webhook-id, webhook-timestamp and ' +
        'webhook-signature',
    );
  }

  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  const skew = Math.abs(nowMs / 1000 - seconds);
  if (!(skew <= SIGNATURE_TOLERANCE_SECONDS)) {
    throw refusal('timestamp_out_of_window');
  }
  if (seen.has(id)) throw refusal('replayed_request');

  return { id, timestamp, signature };
}

function hasSignatureHeaders(req: Request): boolean {
  return ['webhook-id', 'webhook-timestamp', 'webhook-signature'].some(
    (name) => req.get(name) !== undefined,
  );
}

function bearerOf(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

// Hashing first gives both sides one length, which the constant-time compare
// needs, without leaking the token's length.
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function describeExpected(auth: AuthConfig): string {
  const ways = [
    auth.secrets.length > 0
      ? 'a Standard Webhooks signature (webhook-id, webhook-timestamp, ' +
        'webhook-signature)'
      : undefined,
    auth.token !== undefined ? 'an Authorization: Bearer token' : undefined,
  ];
  return `expected ${ways.filter(Boolean).join(' or ')}`;
}

const MESSAGES = {
  missing_credentials: 'the request carries no credentials',
  invalid_token: 'the bearer token is not the configured one',
  invalid_signature: 'no webhook-signature matches the body with any secret',
  timestamp_out_of_window:
    `expected webhook-timestamp in Unix seconds within ` +
    `${SIGNATURE_TOLERANCE_SECONDS} s of now`,
  replayed_request: 'this webhook-id was already accepted',
} as const;

function refusal(code: keyof typeof MESSAGES, message?: string): HttpError {
  return new HttpError(401, code, message ?? MESSAGES[code]);
}
