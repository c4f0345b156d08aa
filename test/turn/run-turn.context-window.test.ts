import { expect, it } from 'vitest';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [testAssistant()],
    maxPromptTokens: 1500,
  }),
);

it('trims the oldest context before calling when the prompt would not fit', async () => {
  const context = ['first', 'second', 'third', 'fourth'].map((name) => ({
    role: 'user',
    content: `${name} `.repeat(500),
  }));
  model.script({ output: { reply: null, state: {} } });

  await webhook.post(turnRequest({ context }));

  const sent = model.requests[0]?.messages.map((m) => String(m.content));
  expect(sent?.some((text) => text.startsWith('first'))).toBe(false);
  expect(sent?.some((text) => text.startsWith('fourth'))).toBe(true);
  expect(sent?.at(-1)).toBe(turnRequest().utterance);
});

it('answers with the state when the provider says the context is too long', async () => {
  model.script({
    status: 400,
    body: {
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, " +
          'your messages resulted in 131072 tokens. Please reduce the ' +
          'length of the messages.',
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    },
  });
  const state = { lastAction: 'greeting' };

  const response = await webhook.post(turnRequest({ state }));

  expect(response.status).toBe(200);
  expect(response.body).toEqual({ state });
  expect(webhook.lastTurn()?.fallback).toEqual({
    reason: 'model_error',
    detail: 'model request failed: HTTP 400 context_length_exceeded',
  });
});
