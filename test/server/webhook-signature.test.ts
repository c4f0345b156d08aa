import { describe, expect, it } from 'vitest';
import {
  hasValidSignature,
  signingKey,
  signWebhook,
} from '../../src/server/webhook-signature.js';

// The published Standard Webhooks example: a receiver library built on the
// standard must accept exactly this signature for exactly these bytes.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: Buffer.from('{"test": 2432232314}'),
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const OTHER = 'whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM=';

describe('webhook signatures', () => {
  it('signs the standard webhooks example to its published signature', () => {
    const { secret, id, timestamp, body } = VECTOR;

    expect(signWebhook(secret, id, timestamp, body)).toBe(VECTOR.signature);
  });

  it('accepts the published signature over the same bytes', () => {
    const keys = [signingKey(VECTOR.secret)];

    expect(hasValidSignature(keys, VECTOR.signature, VECTOR)).toBe(true);
  });

  it('refuses the signature when one byte of the body changed', () => {
    const keys = [signingKey(VECTOR.secret)];
    const body = Buffer.from('{"test": 2432232315}');

    expect(hasValidSignature(keys, VECTOR.signature, { ...VECTOR, body })).toBe(
      false,
    );
  });

  it('refuses the signature when the timestamp changed', () => {
    const keys = [signingKey(VECTOR.secret)];

    expect(
      hasValidSignature(keys, VECTOR.signature, {
        ...VECTOR,
        timestamp: '1614265331',
      }),
    ).toBe(false);
  });

  it('accepts a signature made with any of several secrets', () => {
    const keys = [signingKey(OTHER), signingKey(VECTOR.secret)];

    expect(hasValidSignature(keys, VECTOR.signature, VECTOR)).toBe(true);
  });

  it('accepts a header listing several signatures when one matches', () => {
    const keys = [signingKey(VECTOR.secret)];
    const header = `v1,bm9wZQ== v2,abc ${VECTOR.signature}`;

    expect(hasValidSignature(keys, header, VECTOR)).toBe(true);
  });

  it('refuses a signature of another scheme version', () => {
    const keys = [signingKey(VECTOR.secret)];
    const header = VECTOR.signature.replace('v1,', 'v1a,');

    expect(hasValidSignature(keys, header, VECTOR)).toBe(false);
  });
});
