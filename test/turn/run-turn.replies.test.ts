import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const lookup = defineTool({
  name: 'lookup',
  description: 'Looks a word up.',
  parameters: z.object({ word: z.string() }),
  effect: 'read',
  writes: ['lastLookup'],
  async run({ word }) {
    return {
      result: { meaning: `meaning of ${word}` },
      patch: { lastLookup: word },
    };
  },
});

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [testAssistant({ tools: [echoTool(), lookup] })],
  }),
);

describe('a turn that answers', () => {
  it('returns the model reply and the state with its patch', async () => {
    model.script({
      output: { reply: 'Hello there.', state: { topic: 'greeting' } },
    });

    const { status, body } = await webhook.post(
      turnRequest({ state: { keep: 1 } }),
    );

    expect(status).toBe(200);
    expect(body).toEqual({
      reply: 'Hello there.',
      state: { keep: 1, topic: 'greeting' },
    });
  });

  it('omits the reply when the model gives null', async () => {
    model.script({ output: { reply: null, state: { topic: null } } });

    const { body } = await webhook.post(
      turnRequest({ state: { topic: 'old' } }),
    );

    expect(body).toEqual({ state: { topic: 'old' } });
  });

  it('treats a reply of only white space as no reply', async () => {
    model.script({ output: { reply: '   ', state: {} } });

    const { body } = await webhook.post(turnRequest({ state: { a: 1 } }));

    expect(body).toEqual({ state: { a: 1 } });
    expect(webhook.lastTurn()).toMatchObject({ replied: false });
    expect(webhook.lastTurn()).not.toHaveProperty('fallback');
  });

  it('feeds a tool result back to the model before the final answer', async () => {
    model.script(
      { toolCalls: [{ name: 'lookup', arguments: { word: 'budget' } }] },
      (request) => {
        const toolMessage = request.messages.at(-1);
        return { output: { reply: String(toolMessage?.content), state: {} } };
      },
    );

    const { body } = await webhook.post(turnRequest());

    expect(JSON.parse(body.reply)).toEqual({
      ok: true,
      result: { meaning: 'meaning of budget' },
    });
    expect(body.state).toEqual({ lastLookup: 'budget' });
  });

  it('runs parallel tool calls and answers each call id', async () => {
    model.script(
      {
        toolCalls: [
          { id: 'call_a', name: 'echo', arguments: { text: 'one' } },
          { id: 'call_b', name: 'lookup', arguments: { word: 'two' } },
        ],
      },
      { output: { reply: 'Done.', state: {} } },
    );

    const { body } = await webhook.post(turnRequest());

    expect(body.reply).toBe('Done.');
    const toolMessages = model.requests[1]?.messages.filter(
      (m) => m.role === 'tool',
    );
    expect(toolMessages?.map((m) => m.tool_call_id)).toEqual([
      'call_a',
      'call_b',
    ]);
    expect(JSON.parse(String(toolMessages?.[0]?.content)).result).toEqual({
      echoed: 'one',
    });
  });

  it('sends tools as strict functions and the answer as a strict json schema', async () => {
    model.script({ output: { reply: 'Hi.', state: {} } });

    await webhook.post(turnRequest());

    const request = model.requests[0] as any;
    expect(
      request.tools.map((t: any) => [t.function.name, t.function.strict]),
    ).toEqual([
      ['echo', true],
      ['lookup', true],
    ]);
    expect(request.tools[0].function.parameters).toMatchObject({
      type: 'object',
      required: ['text'],
      additionalProperties: false,
    });
    expect(request.response_format.json_schema.strict).toBe(true);
    expect(request.response_format.json_schema.schema.properties.state).toEqual(
      {
        type: 'object',
        properties: { topic: { type: ['string', 'null'] } },
        required: ['topic'],
        additionalProperties: false,
      },
    );
    expect(request.tool_choice).toBe('auto');
  });
});
