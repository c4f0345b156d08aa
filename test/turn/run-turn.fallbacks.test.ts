import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import type { ScriptedStep } from '../../src/testing/scripted-model.js';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const incoming = {
  userId: 'user_12345',
  authenticated: true,
  nested: { a: [1, 2] },
};

function cassette(name: string): unknown {
  const url = new URL(`../fixtures/openai/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

// A bug in code the engine runs outside a tool's own run: its requirement.
const buggy = defineTool({
  name: 'buggy',
  description: 'Has a broken requirement.',
  parameters: z.object({}),
  effect: 'read',
  requires: (state) => (state.missing as unknown as { x: string }).x,
  async run() {
    return { result: 'never' };
  },
});

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [
      testAssistant({
        tools: [echoTool(), buggy],
        maxSteps: 2,
        budgetMs: 3000,
      }),
    ],
  }),
);

async function fallsBack(reason: string, ...steps: ScriptedStep[]) {
  model.script(...steps);

  const { status, body } = await webhook.post(turnRequest({ state: incoming }));

  expect(status).toBe(200);
  expect(body).toEqual({ state: incoming });
  expect(webhook.lastTurn()).toMatchObject({
    msg: 'turn fell back',
    fallback: { reason },
  });
}

describe('the model misbehaves', () => {
  it('falls back on a refusal', () =>
    fallsBack('refusal', { refusal: "I can't help with that." }));

  it('falls back when the answer hit the token limit', () =>
    fallsBack('length', {
      body: cassette('finish-reason-length-openai-compatible'),
    }));

  it('falls back when the content filter stopped the answer', () =>
    fallsBack('content_filter', {
      content: '{"reply":"',
      finishReason: 'content_filter',
    }));

  it('falls back when the completion has no choices', () =>
    fallsBack('bad_output', {
      body: { id: 'x', object: 'chat.completion', choices: [] },
    }));

  it('falls back when the final output is not json', () =>
    fallsBack('bad_output', { content: 'Sure! Your balance is $5.' }));

  it('falls back when the final output breaks the schema', () =>
    fallsBack('bad_output', { content: '{"reply": 42, "state": {}}' }));

  it('falls back when the model writes a key it may not write', () =>
    fallsBack('bad_output', {
      output: { reply: 'Verified!', state: { authenticated: true } },
    }));

  it('falls back at the step limit, with tool_choice none on the last step', async () => {
    const echo = {
      toolCalls: [{ name: 'echo', arguments: { text: 'again' } }],
    };
    await fallsBack('step_limit', echo, echo);

    expect(model.requests.map((request) => request.tool_choice)).toEqual([
      'auto',
      'none',
    ]);
  });
});

describe('our own code fails', () => {
  it('answers with the state, not a 5xx, when a bug throws inside the turn', () =>
    fallsBack('internal', { toolCalls: [{ name: 'buggy' }] }));
});

describe('the provider fails', () => {
  it('falls back on HTTP 500 after retrying within the budget', async () => {
    const error = { status: 500, body: { error: { message: 'boom' } } };
    await fallsBack('model_error', error, error, error);

    expect(model.requests).toHaveLength(3);
  });

  it('falls back at once on 429 whose Retry-After would pass the budget', async () => {
    const started = performance.now();
    await fallsBack('model_error', {
      status: 429,
      body: cassette('error-429-rate-limited-openai-compatible'),
      headers: { 'retry-after': '30' },
    });

    expect(performance.now() - started).toBeLessThan(1000);
    expect(webhook.lastTurn()?.fallback).toMatchObject({
      detail: expect.stringContaining('would not fit'),
    });
  });

  it('retries a 429 whose Retry-After fits the budget', async () => {
    model.script(
      {
        status: 429,
        body: { error: { message: 'slow down' } },
        headers: { 'retry-after-ms': '20' },
      },
      { output: { reply: 'Here you go.', state: {} } },
    );

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('Here you go.');
  });

  it('does not retry an invalid api key', () =>
    fallsBack('model_error', {
      status: 401,
      body: cassette('error-401-invalid-api-key'),
    }));

  it('never puts a stack trace or provider message in the answer', async () => {
    model.script({ status: 404, body: cassette('error-404-model-not-found') });

    const { body } = await webhook.post(turnRequest({ state: incoming }));

    expect(JSON.stringify(body)).not.toMatch(/non-existent-model|at .*\.ts/);
  });
});
