import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';

const model = new ScriptedModel();
let quiet: TestWebhook;
let verbose: TestWebhook;
const utterance = 'My PIN is 4321 and my account is 12345678';

beforeAll(async () => {
  model.listen();
  const assistants = [testAssistant({ tools: [echoTool()] })];
  quiet = await startWebhook({ assistants });
  verbose = await startWebhook({ assistants, logContent: true });
});
afterEach(() => {
  model.assertDone();
  model.reset();
});
afterAll(async () => {
  await Promise.all([quiet.close(), verbose.close()]);
  model.close();
});

function scriptToolTurn() {
  model.script(
    {
      toolCalls: [{ name: 'echo', arguments: { text: 'tool argument 4321' } }],
    },
    { output: { reply: 'Your reply text.', state: {} } },
  );
}

describe('the turn log line', () => {
  it('says what a person debugging the call needs', async () => {
    scriptToolTurn();

    await quiet.post(turnRequest({ utterance, call_id: 'call_abc123' }), {
      headers: { 'x-request-id': 'req-log-1' },
    });

    expect(quiet.lastTurn()).toEqual({
      level: 30,
      time: expect.any(Number),
      msg: 'turn answered',
      request_id: 'req-log-1',
      call_id: 'call_abc123',
      assistant_id: 'asst_xyz789',
      assistant: 'test',
      duration_ms: expect.any(Number),
      steps: 2,
      model_calls: [
        {
          step: 1,
          duration_ms: expect.any(Number),
          finish_reason: 'tool_calls',
          tokens_in: 120,
          tokens_out: 20,
          cached_tokens: 0,
        },
        {
          step: 2,
          duration_ms: expect.any(Number),
          finish_reason: 'stop',
          tokens_in: 120,
          tokens_out: 20,
          cached_tokens: 0,
        },
      ],
      tool_calls: [
        { name: 'echo', outcome: 'ok', duration_ms: expect.any(Number) },
      ],
      replied: true,
    });
  });

  it('leaves out utterances, replies, tool arguments and the api key by default', async () => {
    scriptToolTurn();

    await quiet.post(turnRequest({ utterance }));

    const text = JSON.stringify(quiet.logs);
    expect(text).not.toContain('4321');
    expect(text).not.toContain('Your reply text');
    expect(text).not.toContain('sk-test-secret');
  });

  it('adds the utterance and reply when content logging is on', async () => {
    scriptToolTurn();

    await verbose.post(turnRequest({ utterance }));

    expect(verbose.lastTurn()).toMatchObject({
      utterance,
      reply: 'Your reply text.',
    });
  });
});
