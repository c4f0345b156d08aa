import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWireModelServer,
  type WireModelServer,
} from '../../src/testing/wire-model-server.js';
import { postHead, sendRaw } from '../support/raw-http.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';

let modelServer: WireModelServer;
let webhook: TestWebhook;

beforeAll(async () => {
  modelServer = await startWireModelServer();
  webhook = await startWebhook({
    assistants: [testAssistant()],
    modelBaseURL: modelServer.baseURL,
  });
});
afterAll(async () => {
  await webhook.close();
  await modelServer.close();
});

const valid = Buffer.from(JSON.stringify(turnRequest({ state: { a: 1 } })));

function errorCode(body: string): string {
  return JSON.parse(body).error.code;
}

describe('bytes no ordinary client sends', () => {
  it('answers a body cut short of its declared length with 400', () =>
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: valid.length - 1 }),
        async (cut) => {
          const head = postHead({
            'content-type': 'application/json',
            'content-length': valid.length,
          });

          const answer = await sendRaw(
            webhook.url,
            head,
            valid.subarray(0, cut),
            {
              halfClose: true,
            },
          );

          // Node's HTTP parser answers a request whose sender hung up
          // mid-body itself, with a bare 400.
          expect(answer.status).toBe(400);
        },
      ),
      { numRuns: 15 },
    ));

  it('answers json cut at any byte, its length matching, with 400 invalid_json', () =>
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: valid.length - 1 }),
        async (cut) => {
          const head = postHead({
            'content-type': 'application/json',
            'content-length': cut,
          });

          const answer = await sendRaw(
            webhook.url,
            head,
            valid.subarray(0, cut),
            {
              halfClose: true,
            },
          );

          expect(answer.status).toBe(400);
          expect(errorCode(answer.body)).toBe('invalid_json');
        },
      ),
      { numRuns: 15 },
    ));

  it('answers invalid utf-8 inside a string with the contract or a 4xx', () =>
    fc.assert(
      fc.asyncProperty(
        fc
          .uint8Array({ minLength: 1, maxLength: 8 })
          .map((bytes) => Buffer.from(bytes.map((b) => b | 0x80))),
        async (bytes) => {
          const [before, after] = valid.toString().split('What');
          const body = Buffer.concat([
            Buffer.from(before ?? ''),
            bytes,
            Buffer.from(after ?? ''),
          ]);
          const head = postHead({
            'content-type': 'application/json',
            'content-length': body.length,
            connection: 'close',
          });

          const answer = await sendRaw(webhook.url, head, body);

          expect([200, 400]).toContain(answer.status);
          if (answer.status === 200) {
            expect(JSON.parse(answer.body).state).toEqual({ a: 1 });
          }
        },
      ),
      { numRuns: 20 },
    ));

  for (const type of [
    undefined,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=utf-16',
  ]) {
    it(`answers content type ${type ?? '(none)'} with 415 and a json error`, async () => {
      const head = postHead({
        ...(type ? { 'content-type': type } : {}),
        'content-length': valid.length,
        connection: 'close',
      });

      const answer = await sendRaw(webhook.url, head, valid);

      expect(answer.status).toBe(415);
      expect(errorCode(answer.body)).toBe('unsupported_media_type');
    });
  }

  it('answers a gzip body that is not gzip with 400 unreadable_body', async () => {
    const head = postHead({
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': valid.length,
      connection: 'close',
    });

    const answer = await sendRaw(webhook.url, head, valid);

    expect(answer.status).toBe(400);
    expect(errorCode(answer.body)).toBe('unreadable_body');
  });
});
