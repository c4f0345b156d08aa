import { describe, expect, it } from 'vitest';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [testAssistant()],
    limits: {
      utteranceMaxChars: 50,
      contextMaxChars: 30,
      stateMaxBytes: 200,
      stateMaxDepth: 3,
    },
  }),
);

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 1; level < depth; level++) value = { inner: value };
  return value;
}

async function refused(body: unknown, status: number, code: string) {
  const response = await webhook.post(body);

  expect(response.status).toBe(status);
  expect(model.requests).toHaveLength(0);
  expect(response.body.error.code).toBe(code);
  return response.body.error;
}

describe('hard limits', () => {
  it('refuses an utterance over its limit with 413 naming utterance', async () => {
    const error = await refused(
      turnRequest({ utterance: 'x'.repeat(51) }),
      413,
      'field_too_large',
    );

    expect(error.field).toBe('utterance');
    expect(error.message).toContain('at most 50 characters, got 51');
  });

  it('refuses a state over its size with 413 naming state', async () => {
    const error = await refused(
      turnRequest({ state: { notes: 'n'.repeat(200) } }),
      413,
      'field_too_large',
    );

    expect(error.field).toBe('state');
  });

  it('refuses a state nested deeper than its limit with 400 naming state', async () => {
    const error = await refused(
      turnRequest({ state: { a: nested(3) } }),
      400,
      'too_deep',
    );

    expect(error).toMatchObject({ field: 'state' });
    expect(error.message).toContain('at most 3 levels');
  });

  it('answers a state exactly at the depth limit', async () => {
    model.script({ output: { reply: null, state: {} } });
    const state = { a: nested(2) };

    const response = await webhook.post(turnRequest({ state }));

    expect(response.status).toBe(200);
    expect(response.body.state).toEqual(state);
  });

  it('refuses a state nested thousands of levels deep without a 5xx', () => {
    // Written by hand: JSON.stringify itself overflows on such a value.
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const body = JSON.stringify(turnRequest({ state: 'DEEP' })).replace(
      '"DEEP"',
      deep,
    );

    return refused(body, 400, 'too_deep');
  });

  it('refuses a state number beyond a double, naming where it is', async () => {
    // 1e999 parses as Infinity, which JSON would send back as null.
    const body = JSON.stringify(
      turnRequest({ state: { limits: { n: 'HUGE' } } }),
    ).replace('"HUGE"', '1e999');

    const error = await refused(body, 400, 'invalid_field');

    expect(error.field).toBe('state');
    expect(error.message).toContain('`state.limits.n`');
  });
});

describe('the context, a soft limit', () => {
  it('drops the oldest entries until the rest fits', async () => {
    model.script({ output: { reply: null, state: {} } });
    const context = [
      { role: 'user', content: 'first line, the oldest' },
      { role: 'assistant', content: 'second line' },
      { role: 'user', content: 'third line' },
    ];

    const response = await webhook.post(turnRequest({ context }));

    expect(response.status).toBe(200);
    const sent = model.requests[0]?.messages.map((m) => m.content);
    expect(sent).toContain('second line');
    expect(sent).toContain('third line');
    expect(sent).not.toContain('first line, the oldest');
    expect(webhook.logs).toContainEqual(
      expect.objectContaining({ trimmed: 1 }),
    );
  });
});
