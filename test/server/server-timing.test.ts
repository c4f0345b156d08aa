import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServerTiming } from '../../src/server/server-timing.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import type { ToolCallEvent } from '../../src/turn/turn-observer.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';

const model = new ScriptedModel();
let webhook: TestWebhook;

beforeAll(async () => {
  model.listen();
  const slowEcho = echoTool({
    run: async ({ text }) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { result: { echoed: text } };
    },
  });
  webhook = await startWebhook({
    assistants: [testAssistant({ tools: [slowEcho] })],
  });
});
afterEach(() => {
  model.assertDone();
  model.reset();
});
afterAll(async () => {
  await webhook.close();
  model.close();
});

function durations(header: string | null): Record<string, number> {
  const entries = (header ?? '').split(', ').map((metric) => {
    const [name = '', ...params] = metric.split(';');
    const dur = params.find((p) => p.startsWith('dur='))?.slice(4);
    return [name, Number(dur)] as const;
  });
  return Object.fromEntries(entries);
}

function toolEvent(durationMs: number): ToolCallEvent {
  return {
    call: { id: 'c1', name: 'echo', arguments: '{}' },
    record: { name: 'echo', outcome: 'ok', durationMs },
    result: { outcome: 'ok', content: '{}' },
  };
}

describe('the Server-Timing header', () => {
  it('says how long the model, the tools and the whole turn took', async () => {
    model.script(
      {
        toolCalls: [{ name: 'echo', arguments: { text: 'hi' } }],
        delayMs: 100,
      },
      { output: { reply: 'Done.', state: {} } },
    );

    const { headers } = await webhook.post(turnRequest());

    const timing = durations(headers.get('server-timing'));
    expect(Object.keys(timing)).toEqual(['model', 'tools', 'total']);
    expect(timing.model).toBeGreaterThanOrEqual(95);
    expect(timing.tools).toBeGreaterThanOrEqual(145);
    expect(timing.total).toBeGreaterThanOrEqual(
      (timing.model ?? 0) + (timing.tools ?? 0) - 1,
    );
  });

  it('is on an answer that fell back too', async () => {
    model.script({ refusal: 'I cannot help with that.' });

    const { body, headers } = await webhook.post(turnRequest());

    expect(body.reply).toBeUndefined();
    expect(headers.get('server-timing')).toMatch(/^model;.*tools;.*total;/);
  });

  it('gives a refused request its total alone', async () => {
    const { status, headers } = await webhook.post('{not json');

    expect(status).toBe(400);
    expect(headers.get('server-timing')).toMatch(
      /^total;desc="whole request";dur=\d+(\.\d)?$/,
    );
  });

  it('counts tools that ran side by side once', () => {
    const timing = new ServerTiming();

    timing.observer.toolCall?.(toolEvent(100));
    timing.observer.toolCall?.(toolEvent(100));

    const { tools } = durations(timing.header(120));
    expect(tools).toBeGreaterThanOrEqual(100);
    expect(tools).toBeLessThan(150);
  });
});
