import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/testing/conversation.js';
import type {
  PostedTurn,
  WebhookTarget,
} from '../../src/testing/webhook-target.js';

/** A webhook that gives the answers in order and keeps what it was sent. */
function scriptedWebhook(...answers: Array<Omit<PostedTurn, 'elapsedMs'>>) {
  const sent: any[] = [];
  const target: WebhookTarget = {
    async post(body) {
      sent.push(structuredClone(body));
      return { elapsedMs: 1, ...answers[sent.length - 1]! };
    },
  };
  return { target, sent };
}

describe('Conversation', () => {
  it('keeps the last state when a request is refused, as the platform does', async () => {
    const { target, sent } = scriptedWebhook(
      { status: 200, body: { state: { topic: 'balance' } } },
      { status: 400, body: { error: { code: 'invalid_field' } } },
      { status: 200, body: { state: { topic: 'other' } } },
    );
    const call = new Conversation(target);

    await call.say('one');
    const refused = await call.say('two');
    await call.say('three');

    expect(refused).toMatchObject({
      status: 400,
      error: { error: { code: 'invalid_field' } },
    });
    expect(sent[2].state).toEqual({ topic: 'balance' });
  });

  it('sends each utterance 5 seconds after the one before', async () => {
    const answer = { status: 200, body: { state: {} } };
    const { target, sent } = scriptedWebhook(answer, answer);
    const call = new Conversation(target, {
      startedAt: '2024-01-15T10:30:00Z',
    });

    await call.say('one');
    await call.say('two');

    expect(sent.map((body) => body.timestamp)).toEqual([
      '2024-01-15T10:30:00.000Z',
      '2024-01-15T10:30:05.000Z',
    ]);
  });

  it('reports the state before and after each turn', async () => {
    const { target } = scriptedWebhook({
      status: 200,
      body: { reply: 'Hi.', state: { a: 1 } },
    });
    const call = new Conversation(target, { state: { b: 2 } });

    const outcome = await call.say('hello');

    expect(outcome).toMatchObject({
      turn: 1,
      reply: 'Hi.',
      stateBefore: { b: 2 },
      state: { a: 1 },
      toolCalls: [],
    });
  });
});
