import { describe, expect, it } from 'vitest';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const { model, webhook } = scriptedWebhook(() =>
  startWebhook({ assistants: [testAssistant()] }),
);

function answerOnce() {
  model.script({ output: { reply: 'Hello.', state: {} } });
}

describe('the request id', () => {
  it('keeps a sane incoming x-request-id and echoes it', async () => {
    answerOnce();

    const { headers } = await webhook.post(turnRequest(), {
      headers: { 'x-request-id': 'lb-7f3a:42' },
    });

    expect(headers.get('x-request-id')).toBe('lb-7f3a:42');
    expect(webhook.lastTurn()).toMatchObject({ request_id: 'lb-7f3a:42' });
  });

  it('makes up a uuid when the request brings none', async () => {
    answerOnce();

    const { headers } = await webhook.post(turnRequest());

    const id = headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(webhook.lastTurn()).toMatchObject({ request_id: id });
  });

  it('replaces an incoming id that could forge log syntax', async () => {
    answerOnce();

    const { headers } = await webhook.post(turnRequest(), {
      headers: { 'x-request-id': 'a b"} {"level":60' },
    });

    expect(headers.get('x-request-id')).toMatch(UUID);
  });

  it('replaces an incoming id longer than 128 characters', async () => {
    answerOnce();

    const { headers } = await webhook.post(turnRequest(), {
      headers: { 'x-request-id': 'x'.repeat(129) },
    });

    expect(headers.get('x-request-id')).toMatch(UUID);
  });

  it('tags the log line of a refused request with the id', async () => {
    const { status, headers } = await webhook.post('{not json', {
      headers: { 'x-request-id': 'refused-1' },
    });

    expect(status).toBe(400);
    expect(headers.get('x-request-id')).toBe('refused-1');
    expect(webhook.logs.at(-1)).toMatchObject({
      msg: 'request refused',
      request_id: 'refused-1',
      code: 'invalid_json',
    });
  });
});
