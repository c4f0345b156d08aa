import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runChatSession } from '../../src/chat/chat-session.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { startProjectWebhook } from '../../src/testing/project-webhook.js';
import type { TestWebhook } from '../../src/testing/test-webhook.js';
import type { WebhookTarget } from '../../src/testing/webhook-target.js';

/** Types the lines into a session and returns all it printed. */
async function chat(target: WebhookTarget, lines: string[], remote = false) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => (printed += String(chunk)));

  input.end(lines.map((line) => `${line}\n`).join(''));
  await runChatSession({
    input,
    output,
    target,
    assistantId: 'asst_chat',
    remote,
  });
  return printed;
}

/** A webhook that answers with a fixed state and keeps what it was sent. */
function fakeWebhook(answer: Record<string, unknown> = { state: {} }) {
  const sent: any[] = [];
  const target: WebhookTarget = {
    async post(body) {
      sent.push(structuredClone(body));
      return { status: 200, body: answer, elapsedMs: 12 };
    },
  };
  return { target, sent };
}

describe('the chat session against the real webhook', () => {
  const model = new ScriptedModel();
  let webhook: TestWebhook;

  beforeAll(async () => {
    model.listen();
    webhook = await startProjectWebhook();
  });
  afterEach(() => model.reset());
  afterAll(async () => {
    await webhook.close();
    model.close();
  });

  it('shows the reply, each tool call, the state change and the time', async () => {
    model.script(
      {
        toolCalls: [
          {
            name: 'verify_identity',
            arguments: { account_number: '12345678', pin: '4321' },
          },
        ],
      },
      { output: { reply: 'Thanks, Amira.', state: { topic: 'identity' } } },
    );

    const printed = await chat(webhook, ['Account 12345678, PIN 4321.']);

    expect(printed).toContain('  reply: Thanks, Amira.\n');
    expect(printed).toMatch(
      /  tool verify_identity \{"account_number":"12345678","pin":"4321"\} -> ok \{"verified":true,.*\} \(\d+ ms\)\n/,
    );
    expect(printed).toContain('  state: + authenticated: true\n');
    expect(printed).toContain('         + userId: "cust_amira"\n');
    expect(printed).toContain('         + topic: "identity"\n');
    expect(printed).toMatch(/\n  \d+ ms\n/);
  });

  it('holds a state edit made after the webhook wrote that key', async () => {
    model.script(
      {
        toolCalls: [
          {
            name: 'verify_identity',
            arguments: { account_number: '12345678', pin: '4321' },
          },
        ],
      },
      { output: { reply: 'Verified.', state: {} } },
      {
        toolCalls: [
          { name: 'get_balance', arguments: { account_type: 'checking' } },
        ],
      },
      { output: { reply: 'Sorry.', state: {} } },
    );

    const printed = await chat(webhook, [
      'Account 12345678, PIN 4321.',
      '/state unset authenticated',
      'Balance?',
    ]);

    expect(printed).toMatch(/continues as call \S+, so the edit holds/);
    expect(printed).toMatch(
      /tool get_balance \{"account_type":"checking"\} -> not_allowed/,
    );
  });

  it("says when the platform's agent answers instead", async () => {
    model.script({ output: { reply: null, state: {} } });

    const printed = await chat(webhook, ['Hi there!']);

    expect(printed).toContain("  (no reply: the platform's agent answers)\n");
    expect(printed).toContain('  state: unchanged\n');
  });

  it('shows that a turn fell back and why', async () => {
    model.script({ refusal: 'I cannot help with that.' });

    const printed = await chat(webhook, ['Hello?']);

    expect(printed).toContain(
      '  fell back: refusal (the model refused to answer)\n',
    );
  });
});

describe('the chat session commands', () => {
  it('carries the state and the context from one turn to the next', async () => {
    const { target, sent } = fakeWebhook({
      reply: 'Sure.',
      state: { topic: 'balance' },
    });

    await chat(target, ['first', 'second']);

    expect(sent[1]).toMatchObject({
      call_id: sent[0].call_id,
      utterance: 'second',
      state: { topic: 'balance' },
      context: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'Sure.' },
      ],
    });
  });

  it('starts a new call on /reset', async () => {
    const { target, sent } = fakeWebhook({ state: { topic: 'balance' } });

    const printed = await chat(target, ['first', '/reset', 'second']);

    expect(sent[1].call_id).not.toBe(sent[0].call_id);
    expect(sent[1]).toMatchObject({ state: {}, context: [] });
    expect(printed).toContain(`new call ${sent[1].call_id}, empty state`);
  });

  it('sends the state edited with /state set and /state unset', async () => {
    const { target, sent } = fakeWebhook({ state: { a: 1, b: 2 } });

    await chat(target, [
      'first',
      '/state set note "hi"',
      '/state set n 5',
      '/state unset a',
      'second',
    ]);

    expect(sent[1].state).toEqual({ b: 2, note: 'hi', n: 5 });
  });

  it('sends turns as the assistant chosen with /assistant', async () => {
    const { target, sent } = fakeWebhook();

    await chat(target, ['/assistant asst_other', 'hello']);

    expect(sent[0].assistant_id).toBe('asst_other');
  });

  it('names an unknown command and sends nothing', async () => {
    const { target, sent } = fakeWebhook();

    const printed = await chat(target, ['/balance']);

    expect(printed).toContain('unknown command /balance; /help lists them');
    expect(sent).toEqual([]);
  });

  it('stops at /quit', async () => {
    const { target, sent } = fakeWebhook();

    await chat(target, ['/quit', 'never sent']);

    expect(sent).toEqual([]);
  });

  it('shows a refused request with its status and error', async () => {
    const error = {
      error: { code: 'unknown_assistant', message: 'no assistant' },
    };
    const target: WebhookTarget = {
      post: async () => ({ status: 404, body: error, elapsedMs: 3 }),
    };

    const printed = await chat(target, ['hello']);

    expect(printed).toContain(
      '  refused: HTTP 404 {"error":{"code":"unknown_assistant"',
    );
  });

  it('says plainly when the webhook cannot be reached', async () => {
    const target: WebhookTarget = {
      post: async () => {
        throw new Error('fetch failed');
      },
    };

    const printed = await chat(target, ['hello'], true);

    expect(printed).toContain('a webhook reached by URL shows no tool calls');
    expect(printed).toContain('  could not reach the webhook: fetch failed\n');
  });
});
