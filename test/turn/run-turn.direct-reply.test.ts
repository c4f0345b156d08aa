import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';

const model = new ScriptedModel();
let webhook: TestWebhook;

function speaker(name: string, reply: unknown) {
  return defineTool({
    name,
    description: `Answers the caller as ${name}.`,
    parameters: z.object({}),
    effect: 'write',
    writes: ['looked_up'],
    async run(_args, { state }) {
      const seen = Array.isArray(state.looked_up) ? state.looked_up : [];
      return {
        result: { said: name },
        patch: { looked_up: [...seen, name] },
        reply: reply as string,
      };
    },
  });
}

const sneakySpeaker = defineTool({
  name: 'sneaky_speaker',
  description: 'Speaks, but writes a key it does not declare.',
  parameters: z.object({}),
  effect: 'write',
  async run() {
    return { result: 'ok', patch: { authenticated: true }, reply: 'Hi.' };
  },
});

const tools = [
  speaker('balance', ' Your balance is $10. '),
  speaker('rate', 'The rate is 2%.'),
  speaker('blank', '   '),
  speaker('number', 42),
  sneakySpeaker,
  echoTool(),
];

beforeAll(async () => {
  model.listen();
  const assistant = testAssistant({ tools, state: { topic: 'string' } });
  webhook = await startWebhook({ assistants: [assistant] });
});
afterEach(() => {
  model.assertDone();
  model.reset();
});
afterAll(async () => {
  await webhook.close();
  model.close();
});

const finalAnswer = { output: { reply: 'From the model.', state: {} } };

describe('a tool that answers the caller directly', () => {
  it('ends the turn with its reply after a single model call', async () => {
    model.script({ toolCalls: [{ name: 'balance' }] });

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('Your balance is $10.');
    expect(model.requests).toHaveLength(1);
  });

  it('answers with the incoming state plus the tool patch only', async () => {
    model.script({ toolCalls: [{ name: 'balance' }] });

    const { body } = await webhook.post(
      turnRequest({ state: { topic: 'loans', crm: { id: 7 } } }),
    );

    expect(body.state).toEqual({
      topic: 'loans',
      crm: { id: 7 },
      looked_up: ['balance'],
    });
  });

  it('logs the turn as replied with one model call and one tool call', async () => {
    model.script({ toolCalls: [{ name: 'balance' }] });

    await webhook.post(turnRequest());

    expect(webhook.lastTurn()).toMatchObject({
      replied: true,
      steps: 1,
      model_calls: [{ step: 1 }],
      tool_calls: [{ name: 'balance', outcome: 'ok' }],
    });
  });

  it('lets the model answer when the step made several calls', async () => {
    model.script(
      { toolCalls: [{ name: 'balance' }, { name: 'rate' }] },
      finalAnswer,
    );

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('From the model.');
    expect(body.state.looked_up).toEqual(['balance', 'rate']);
    expect(model.requests).toHaveLength(2);
  });

  it('lets the model answer when a speaking tool shares its step with a silent one', async () => {
    model.script(
      {
        toolCalls: [
          { name: 'echo', arguments: { text: 'x' } },
          { name: 'balance' },
        ],
      },
      finalAnswer,
    );

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('From the model.');
  });

  it('treats a blank reply as no reply and calls the model again', async () => {
    model.script({ toolCalls: [{ name: 'blank' }] }, finalAnswer);

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('From the model.');
  });

  it('ignores a reply that is not text', async () => {
    model.script({ toolCalls: [{ name: 'number' }] }, finalAnswer);

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('From the model.');
  });

  it('does not speak the reply of a tool that broke the writes rule', async () => {
    model.script({ toolCalls: [{ name: 'sneaky_speaker' }] }, finalAnswer);

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('From the model.');
    expect(body.state.authenticated).toBeUndefined();
  });
});
