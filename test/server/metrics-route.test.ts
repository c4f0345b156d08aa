import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { sampleValue } from '../support/prometheus-text.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';

const model = new ScriptedModel();
let webhook: TestWebhook;

beforeAll(() => model.listen());
beforeEach(async () => {
  const failing = echoTool({
    name: 'broken',
    run: async () => {
      throw new Error('backend down');
    },
  });
  webhook = await startWebhook({
    assistants: [testAssistant({ tools: [echoTool(), failing] })],
  });
});
afterEach(async () => {
  model.assertDone();
  model.reset();
  await webhook.close();
});
afterAll(() => model.close());

async function scrape(target = webhook) {
  const response = await target.get('/metrics');
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

describe('GET /metrics', () => {
  it('counts a turn, its model calls, its tool call and its tokens', async () => {
    model.script(
      { toolCalls: [{ name: 'echo', arguments: { text: 'hi' } }] },
      { output: { reply: 'Done.', state: {} } },
    );
    await webhook.post(turnRequest());

    const text = await scrape();

    const turn = { assistant: 'test', outcome: 'reply' };
    expect(sampleValue(text, 'webhook_turn_duration_seconds_count', turn)).toBe(
      1,
    );
    expect(
      sampleValue(text, 'webhook_model_call_duration_seconds_count', {
        outcome: 'tool_calls',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'webhook_model_call_duration_seconds_count', {
        outcome: 'stop',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'webhook_tool_call_duration_seconds_count', {
        tool: 'echo',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'webhook_model_tokens_total', { kind: 'in' }),
    ).toBe(240);
    expect(
      sampleValue(text, 'webhook_model_tokens_total', { kind: 'out' }),
    ).toBe(40);
  });

  it('counts a fallback by its reason and the turn under outcome fallback', async () => {
    model.script({ status: 400, body: { error: { message: 'bad model' } } });
    await webhook.post(turnRequest());

    const text = await scrape();

    expect(
      sampleValue(text, 'webhook_fallbacks_total', {
        assistant: 'test',
        reason: 'model_error',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'webhook_turn_duration_seconds_count', {
        outcome: 'fallback',
      }),
    ).toBe(1);
  });

  it('counts a failing tool call by tool and outcome', async () => {
    model.script(
      { toolCalls: [{ name: 'broken', arguments: { text: 'x' } }] },
      { output: { reply: 'Sorry.', state: {} } },
    );
    await webhook.post(turnRequest());

    const text = await scrape();

    expect(
      sampleValue(text, 'webhook_tool_errors_total', {
        tool: 'broken',
        outcome: 'failed',
      }),
    ).toBe(1);
    expect(
      sampleValue(text, 'webhook_tool_errors_total', { tool: 'echo' }),
    ).toBeUndefined();
  });

  it('shows a turn in flight while it runs and none once it is answered', async () => {
    model.script({ output: { reply: 'Slow.', state: {} }, delayMs: 1000 });

    const answered = webhook.post(turnRequest());
    let during: number | undefined;
    for (let tries = 0; tries < 40 && during !== 1; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      during = sampleValue(await scrape(), 'webhook_turns_in_flight');
    }
    await answered;

    expect(during).toBe(1);
    expect(sampleValue(await scrape(), 'webhook_turns_in_flight')).toBe(0);
  });

  it('includes the default node.js process metrics', async () => {
    const text = await scrape();

    expect(sampleValue(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(
      0,
    );
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });

  it('keeps the counts of each app apart', async () => {
    const other = await startWebhook({ assistants: [testAssistant()] });
    model.script({ output: { reply: 'Hello.', state: {} } });
    await webhook.post(turnRequest());

    const text = await scrape(other);
    await other.close();

    expect(
      sampleValue(text, 'webhook_turn_duration_seconds_count'),
    ).toBeUndefined();
    expect(
      sampleValue(await scrape(), 'webhook_turn_duration_seconds_count'),
    ).toBe(1);
  });
});
