import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Conversation } from '../../src/testing/conversation.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  RECORDED_KEY,
  startRecordingWebhook,
  type RecordingWebhook,
} from '../support/recording-webhook.js';

const UTTERANCE = "What's in my checking and my savings?";
const VERIFIED = { authenticated: true, userId: 'cust_amira' };
const BOTH_BALANCES = 'You have $5,118.77 in checking and $1,200 in savings.';

const model = new ScriptedModel();
beforeAll(() => model.listen());
afterEach(() => model.reset());
afterAll(() => model.close());

// Two balances in one step: beside each other neither tool's own sentence
// ends the turn, so the model is asked again and answers from both results.
// The recording then holds two model exchanges, the second fed the results.
function scriptBalances() {
  model.script(
    {
      toolCalls: [
        { name: 'get_balance', arguments: { account_type: 'checking' } },
        { name: 'get_balance', arguments: { account_type: 'savings' } },
      ],
    },
    { output: { reply: BOTH_BALANCES, state: { topic: 'balance' } } },
  );
}

async function recordOneTurn(content: boolean) {
  const webhook = await startRecordingWebhook({ content });
  try {
    scriptBalances();
    await new Conversation(webhook, { state: VERIFIED }).say(UTTERANCE);
    const [file, ...others] = await webhook.files();
    expect(others).toEqual([]);
    return String(file);
  } finally {
    await webhook.close();
  }
}

describe('the turn recorder with content', () => {
  let text: string;
  let recording: any;
  beforeAll(async () => {
    text = await recordOneTurn(true);
    recording = JSON.parse(text);
  });

  it('writes the request the platform sent', () => {
    expect(recording.request).toMatchObject({
      utterance: UTTERANCE,
      state: VERIFIED,
      assistant_id: 'asst_test',
    });
  });

  it('writes every model request and response as they went over the wire', () => {
    const [first, second] = recording.model_calls;

    expect(recording.model_calls).toHaveLength(2);
    expect(first.path).toBe('/v1/chat/completions');
    expect(first.status).toBe(200);
    expect(first.request.messages.at(-1)).toEqual({
      role: 'user',
      content: UTTERANCE,
    });
    expect(first.response.choices[0].message.tool_calls[0].function).toEqual({
      name: 'get_balance',
      arguments: '{"account_type":"checking"}',
    });
    expect(second.request.messages.at(-1)).toMatchObject({ role: 'tool' });
  });

  it('writes each tool call with its arguments, result and duration', () => {
    expect(recording.tool_calls).toEqual([
      {
        name: 'get_balance',
        arguments: { account_type: 'checking' },
        outcome: 'ok',
        result: {
          account_type: 'checking',
          balance: '5118.77',
          spoken: '$5,118.77',
        },
        duration_ms: expect.any(Number),
      },
      {
        name: 'get_balance',
        arguments: { account_type: 'savings' },
        outcome: 'ok',
        result: {
          account_type: 'savings',
          balance: '1200.00',
          spoken: '$1,200',
        },
        duration_ms: expect.any(Number),
      },
    ]);
  });

  it('writes the answer and the timings', () => {
    expect(recording.answer).toEqual({
      reply: BOTH_BALANCES,
      state: { ...VERIFIED, topic: 'balance' },
    });
    expect(recording.summary).toMatchObject({
      steps: 2,
      duration_ms: expect.any(Number),
    });
    expect(recording.content).toBe('full');
  });

  it('never writes the key or an authorization header', () => {
    expect(text).not.toContain(RECORDED_KEY);
    expect(text.toLowerCase()).not.toContain('authorization');
  });
});

describe('the turn recorder without content', () => {
  let text: string;
  let recording: any;
  beforeAll(async () => {
    text = await recordOneTurn(false);
    recording = JSON.parse(text);
  });

  it('writes nothing the caller said or a tool returned', () => {
    expect(text).not.toContain('my savings');
    expect(text).not.toContain('5118.77');
    expect(text).not.toContain('5,118.77');
    expect(text).not.toContain('1200.00');
    expect(text).not.toContain('cust_amira');
  });

  it('keeps the shape: keys, lengths, booleans and tool names', () => {
    expect(recording.content).toBe('masked');
    expect(recording.request.utterance).toBe(`[${UTTERANCE.length} chars]`);
    expect(recording.tool_calls[0]).toMatchObject({
      name: 'get_balance',
      arguments: { account_type: '[8 chars]' },
      result: { balance: '[7 chars]' },
    });
    expect(recording.answer.state).toEqual({
      authenticated: true,
      userId: '[10 chars]',
      topic: '[7 chars]',
    });
    const call =
      recording.model_calls[0].response.choices[0].message.tool_calls[0];
    expect(call.function).toEqual({
      name: 'get_balance',
      arguments: '{"account_type":"[8 chars]"}',
    });
  });

  it('never writes the key', () => {
    expect(text).not.toContain(RECORDED_KEY);
  });
});

describe('the turn recorder when it cannot write', () => {
  let webhook: RecordingWebhook;
  afterAll(() => webhook.close());

  it('logs the failure and still answers the turn', async () => {
    const blocker = join(process.cwd(), 'package.json');
    webhook = await startRecordingWebhook({
      content: true,
      dir: join(blocker, 'x'),
    });
    scriptBalances();

    const outcome = await new Conversation(webhook, { state: VERIFIED }).say(
      UTTERANCE,
    );
    await webhook.files().catch(() => []);

    expect(outcome.reply).toBe(BOTH_BALANCES);
    expect(webhook.logs).toContainEqual(
      expect.objectContaining({ msg: 'turn recording not written' }),
    );
  });
});

describe('the turn recorder when the budget runs out', () => {
  it('writes the model call that never answered, and the fallback', async () => {
    const webhook = await startRecordingWebhook({
      content: true,
      env: { TURN_BUDGET_MS: '300' },
    });
    try {
      model.script({ hang: true });
      await new Conversation(webhook, { state: VERIFIED }).say(UTTERANCE);
      const [file] = await webhook.files();
      const recording = JSON.parse(String(file));

      expect(recording.model_calls).toEqual([
        expect.objectContaining({
          path: '/v1/chat/completions',
          error: expect.any(String),
        }),
      ]);
      expect(recording.model_calls[0]).not.toHaveProperty('response');
      expect(recording.summary.fallback).toMatchObject({ reason: 'budget' });
      expect(recording.answer).toEqual({ state: VERIFIED });
    } finally {
      await webhook.close();
    }
  });
});
