import { expect, it } from 'vitest';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [testAssistant({ tools: [echoTool()] })],
  }),
);

const LONE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

it('sends the model no lone surrogate from the utterance, context, state or a tool', async () => {
  // Escaped in the JSON, as a client that cut an emoji in half sends them.
  const body = JSON.stringify(
    turnRequest({
      utterance: 'UTTERANCE',
      context: [{ role: 'assistant', content: 'CONTEXT' }],
      state: { note: 'STATE' },
    }),
  )
    .replace('UTTERANCE', 'pay \\ud83d')
    .replace('CONTEXT', 'hi \\ude00')
    .replace('STATE', '\\ud83d');
  model.script(
    { toolCalls: [{ name: 'echo', arguments: { text: 'x\uD83D' } }] },
    { output: { reply: 'Done.', state: {} } },
  );

  const response = await webhook.post(body);

  expect(response.status).toBe(200);
  const texts = model.requests.flatMap((request) =>
    request.messages.map((message) => String(message.content ?? '')),
  );
  expect(texts.some((text) => LONE.test(text))).toBe(false);
  expect(texts).toContain('pay \uFFFD');
  expect(texts).toContain('hi \uFFFD');
});

it('gives the state back with its text exactly as it came', async () => {
  const body = JSON.stringify(
    turnRequest({ state: { note: 'STATE' } }),
  ).replace('STATE', 'a\\ud83d');
  model.script({ output: { reply: null, state: {} } });

  const response = await webhook.post(body);

  expect(response.body.state.note).toBe('a\uD83D');
});
