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

    await quiet.post(turnRequest({ utterance, call_id: 'call_abc123' }));

    expect(quiet.lastTurn()).toMatchObject({
      level: 30,
      msg: 'turn answered',
      call_id: 'call_abc123',
      assistant_id: 'asst_xyz789',
      assistant: 'test',
      steps: 2,
      replied: true,
      duration_ms: expect.any(Number),
      model_calls: [
        { step: 1, finishReason: 'tool_calls', tokensIn: 120, tokensOut: 20 },
        { step: 2, finishReason: 'stop' },
      ],
      tool_calls: [
        { name: 'echo', outcome: 'ok', durationMs: expect.any(Number) },
      ],
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
