import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ModelRequestBody,
  ScriptedModel,
} from '../../src/testing/scripted-model.js';
import { AMIRA, scriptConfirm, scriptPrepare } from './bank-call.js';
import {
  turnRequest,
  type PostResult,
  type TestWebhook,
} from './start-webhook.js';

// Long enough that every later request arrives while the first turn still
// runs, even on a busy machine; far below the 8 s budget.
const FIRST_TURN_MS = 1500;
const GAP_MS = 100;

/** The time of an utterance `second` seconds into the call. */
export function at(second: number): string {
  return new Date(Date.UTC(2024, 0, 15, 10, 30, second)).toISOString();
}

/** Request `i` goes to replica `i` modulo their number. */
function spread(replicas: readonly TestWebhook[], i: number): TestWebhook {
  const replica = replicas[i % replicas.length];
  if (!replica) throw new Error('expected at least one webhook');
  return replica;
}

function utteranceOf(request: ModelRequestBody): string {
  return String(request.messages.at(-1)?.content);
}

/**
 * Four turns of one call: the first runs long, the other three arrive
 * while it runs, latest utterance first. Returns the utterances in the order
 * the model heard them.
 */
export async function turnsOutOfOrder(
  model: ScriptedModel,
  replicas: readonly TestWebhook[],
  callId: string,
): Promise<string[]> {
  const heard: string[] = [];
  const listen = (delayMs: number) => (request: ModelRequestBody) => {
    heard.push(utteranceOf(request));
    return { output: { reply: 'Noted.', state: {} }, delayMs };
  };
  model.script(listen(FIRST_TURN_MS), listen(0), listen(0), listen(0));
  const turn = (second: number, utterance: string) =>
    turnRequest({ call_id: callId, utterance, timestamp: at(second) });

  const sent = [spread(replicas, 0).post(turn(0, 'first'))];
  for (const [i, [second, words]] of [
    [3, 'fourth'],
    [2, 'third'],
    [1, 'second'],
  ].entries()) {
    await sleep(GAP_MS);
    sent.push(
      spread(replicas, i + 1).post(turn(Number(second), String(words))),
    );
  }
  await Promise.all(sent);

  return heard;
}

export type TransferAnswers = Readonly<{
  prepares: PostResult[];
  confirms: PostResult[];
}>;

/**
 * A caller asks for a transfer and says yes before the webhook answered, so
 * the platform sends the yes with the state it had (no pending transfer).
 * The prepare is delivered twice and the yes three times, over the replicas.
 */
export async function overlappingTransfer(
  model: ScriptedModel,
  replicas: readonly TestWebhook[],
  callId: string,
): Promise<TransferAnswers> {
  scriptPrepare(model, FIRST_TURN_MS);
  scriptConfirm(model);
  const prepare = turnRequest({
    call_id: callId,
    utterance: 'Send $100 from checking to Jonas, checking.',
    state: AMIRA,
    timestamp: at(0),
  });
  const confirm = turnRequest({
    call_id: callId,
    utterance: 'Yes.',
    state: AMIRA,
    timestamp: at(5),
  });

  const sent = [spread(replicas, 0).post(prepare)];
  for (const [i, body] of [confirm, prepare, confirm, confirm].entries()) {
    await sleep(GAP_MS);
    sent.push(spread(replicas, i + 1).post(body));
  }
  const [first, c1, again, c2, c3] = await Promise.all(sent);

  return {
    prepares: [first, again] as PostResult[],
    confirms: [c1, c2, c3] as PostResult[],
  };
}

/** A later turn still carrying the pending transfer the yes already sent. */
export async function staleYesAfterTransfer(
  model: ScriptedModel,
  replica: TestWebhook,
  callId: string,
  staleState: Record<string, unknown>,
): Promise<PostResult> {
  scriptConfirm(model);
  return replica.post(
    turnRequest({
      call_id: callId,
      utterance: 'Yes, send it.',
      state: staleState,
      timestamp: at(10),
    }),
  );
}
