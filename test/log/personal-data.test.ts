import { expect, it } from 'vitest';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const PRIVATE = 'Amira Haddad 12345678';

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [testAssistant({ tools: [echoTool()] })],
    limits: { utteranceMaxChars: 100 },
    maxTurnsInFlight: 1,
  }),
);

function expectNoPrivateData() {
  expect(JSON.stringify(webhook.logs)).not.toContain('12345678');
}

it('keeps context lines, even dropped ones, out of the log', async () => {
  model.script({ output: { reply: null, state: {} } });
  const context = [
    { role: 'user', content: `I am ${PRIVATE}` },
    { role: 'system', content: `Caller is ${PRIVATE}` },
  ];

  await webhook.post(turnRequest({ context }));

  expect(
    webhook.logs.some((line) => line.msg === 'context entries dropped'),
  ).toBe(true);
  expectNoPrivateData();
});

it('keeps a tool result out of the log', async () => {
  model.script(
    { toolCalls: [{ name: 'echo', arguments: { text: PRIVATE } }] },
    { output: { reply: null, state: {} } },
  );

  await webhook.post(turnRequest());

  expectNoPrivateData();
});

it('keeps the utterance of a refused request out of the log', async () => {
  const utterance = `${PRIVATE} `.repeat(10);

  const response = await webhook.post(turnRequest({ utterance }));

  expect(response.status).toBe(413);
  expectNoPrivateData();
});

it('keeps the state of a turn refused for overload out of the log', async () => {
  model.script({ output: { reply: null, state: {} }, delayMs: 1000 });
  const busy = webhook.post(turnRequest());
  while (model.requests.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  await webhook.post(turnRequest({ state: { name: PRIVATE } }));
  await busy;

  expect(webhook.logs).toContainEqual(
    expect.objectContaining({
      fallback: expect.objectContaining({ reason: 'overload' }),
    }),
  );
  expectNoPrivateData();
});
