import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import type { Request, Response } from 'express';
import { createAuthenticator } from '../../src/server/authenticate.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { postHead, sendRaw } from '../support/raw-http.js';
import {
  ROTATED_SECRET,
  SECRET,
  signedHeaders,
  TOKEN,
} from '../support/signed-headers.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';

const model = new ScriptedModel();
let webhook: TestWebhook;
let open: TestWebhook;

beforeAll(async () => {
  model.listen();
  webhook = await startWebhook({
    assistants: [testAssistant()],
    auth: { secrets: [SECRET, ROTATED_SECRET], token: TOKEN },
  });
  open = await startWebhook({ assistants: [testAssistant()] });
});
afterEach(() => {
  model.assertDone();
  model.reset();
});
afterAll(async () => {
  await Promise.all([webhook.close(), open.close()]);
  model.close();
});

// A turn of its own for each test: the same body twice would be answered as
// a duplicate delivery, without the model.
let body: string;
beforeEach(() => {
  body = JSON.stringify(turnRequest({ state: { lastAction: 'greeting' } }));
});

function answers() {
  model.script({ output: { reply: 'Hello.', state: {} } });
}

async function refusedWith(
  code: string,
  headers: Record<string, string>,
  sent = body,
) {
  const response = await webhook.post(sent, { headers });

  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe(code);
  expect(model.requests).toHaveLength(0);
}

describe('a signed request', () => {
  it('is answered when the signature matches the raw body', async () => {
    answers();

    const response = await webhook.post(body, {
      headers: signedHeaders(body),
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      reply: 'Hello.',
      state: { lastAction: 'greeting' },
    });
  });

  it('is answered when signed with the second of two secrets', async () => {
    answers();

    const response = await webhook.post(body, {
      headers: signedHeaders(body, { secret: ROTATED_SECRET }),
    });

    expect(response.status).toBe(200);
  });

  it('is verified over the bytes as sent, not as parsed again', async () => {
    // Spacing and an escaped character that JSON.stringify would write
    // differently: a check over re-serialised JSON would fail here.
    const raw = body.replace('{', '{  ').replace('What', 'Wh\\u0061t');
    answers();

    const response = await webhook.post(raw, { headers: signedHeaders(raw) });

    expect(response.status).toBe(200);
  });

  it('is refused with 401 when the body was changed after signing', () =>
    refusedWith(
      'invalid_signature',
      signedHeaders(body),
      body.replace('greeting', 'verified'),
    ));

  it('is refused with 401 when signed with an unknown secret', () =>
    refusedWith(
      'invalid_signature',
      signedHeaders(body, {
        secret: 'whsec_bm90LXRoZS1yaWdodC1zZWNyZXQ=',
      }),
    ));

  it('is refused with 401 when the timestamp is more than five minutes old', () =>
    refusedWith(
      'timestamp_out_of_window',
      signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
    ));

  it('is refused with 401 when the timestamp is more than five minutes ahead', () =>
    refusedWith(
      'timestamp_out_of_window',
      signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) + 301 }),
    ));

  it('is refused with 401 when a header is missing', () => {
    const { 'webhook-id': _id, ...headers } = signedHeaders(body);
    return refusedWith('missing_credentials', headers);
  });

  it('is refused with 401 when replayed with the same webhook-id', async () => {
    const headers = signedHeaders(body);
    answers();
    expect((await webhook.post(body, { headers })).status).toBe(200);
    model.reset();

    await refusedWith('replayed_request', headers);
  });

  it('is refused before any work when signed headers come without a body', async () => {
    const head = postHead({
      'content-type': 'application/json',
      connection: 'close',
      ...signedHeaders(body),
    });

    const answer = await sendRaw(webhook.url, head);

    // Nothing to verify and nothing to parse: refused for having no JSON.
    expect(answer.status).toBe(415);
    expect(model.requests).toHaveLength(0);
  });

  it('is not let through when the body parser never saw a body', () => {
    const auth = createAuthenticator({
      mode: 'on',
      secrets: [SECRET],
      production: false,
    });
    const passed: unknown[] = [];

    auth?.checkVerified(
      {} as Request,
      { locals: {} } as Response,
      (error?: unknown) => passed.push(error),
    );

    expect(passed).toEqual([
      expect.objectContaining({ status: 401, code: 'invalid_signature' }),
    ]);
  });
});

describe('a bearer token', () => {
  it('is accepted when it is the configured one', async () => {
    answers();

    const response = await webhook.post(body, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });

    expect(response.status).toBe(200);
  });

  it('is refused with 401 when it is another one', () =>
    refusedWith('invalid_token', { authorization: 'Bearer tok_guess' }));
});

describe('a request without credentials', () => {
  it('is refused with 401 naming both ways in', async () => {
    const response = await webhook.post(body);

    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({
      code: 'missing_credentials',
      message: expect.stringMatching(/signature.*Bearer/),
    });
    expect(model.requests).toHaveLength(0);
  });

  it('is refused with 401 before its content type is looked at', () =>
    refusedWith('missing_credentials', { 'content-type': 'text/plain' }));

  it('is answered when no secret or token is configured', async () => {
    answers();

    const response = await open.post(body);

    expect(response.status).toBe(200);
  });
});

describe('the log of authenticated requests', () => {
  it('never holds a secret, a signature or a token', async () => {
    const headers = signedHeaders(body);
    answers();
    answers();
    await webhook.post(body, { headers });
    await webhook.post(body, { headers });
    await webhook.post(body, { headers: { authorization: `Bearer ${TOKEN}` } });
    await webhook.post(body, { headers: { authorization: 'Bearer tok_x1' } });
    model.reset();

    const text = JSON.stringify(webhook.logs);
    expect(webhook.logs.length).toBeGreaterThan(0);
    for (const secret of [
      SECRET.slice(6),
      ROTATED_SECRET.slice(6),
      TOKEN,
      'tok_x1',
      String(headers['webhook-signature']).slice(3),
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
