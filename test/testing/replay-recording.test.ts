import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  turnRecordingSchema,
  type TurnRecording,
} from '../../src/record/turn-recording.js';
import { Conversation } from '../../src/testing/conversation.js';
import { parseConversation } from '../../src/testing/conversation-file.js';
import { recordingToConversation } from '../../src/testing/recording-to-conversation.js';
import { replayRecording } from '../../src/testing/replay-recording.js';
import { runConversationFile } from '../../src/testing/run-conversation-file.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { startProjectWebhook } from '../../src/testing/project-webhook.js';
import type { TestWebhook } from '../../src/testing/test-webhook.js';
import { startRecordingWebhook } from '../support/recording-webhook.js';

const VERIFIED = { authenticated: true, userId: 'cust_amira' };

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

/** Plays one scripted turn through a recording webhook; returns its file. */
async function record(
  utterance: string,
  steps: Parameters<ScriptedModel['script']>,
): Promise<TurnRecording> {
  const recording = await startRecordingWebhook({ content: true });
  try {
    model.script(...steps);
    await new Conversation(recording, { state: VERIFIED }).say(utterance);
    model.assertDone();
    const [file] = await recording.files();
    return turnRecordingSchema.parse(JSON.parse(String(file)));
  } finally {
    model.reset();
    await recording.close();
  }
}

// get_balance speaks the balance itself: one model call, no answer step.
const balanceTurn = () =>
  record("What's in savings?", [
    {
      toolCalls: [
        { name: 'get_balance', arguments: { account_type: 'savings' } },
      ],
    },
  ]);

const prepareTurn = () =>
  record('Send 20 dollars to Li.', [
    {
      toolCalls: [
        {
          name: 'prepare_transfer',
          arguments: {
            from_account_type: 'checking',
            amount: 20,
            recipient_name: 'Li',
            recipient_account_type: 'checking',
          },
        },
      ],
    },
    {
      output: {
        reply: 'Please confirm: $20 to Li.',
        state: { topic: 'transfer' },
      },
    },
  ]);

describe('replayRecording', () => {
  it('finds no difference when the current code does what was recorded', async () => {
    const replayed = await replayRecording(await balanceTurn(), webhook, model);

    expect(replayed.differences).toEqual([]);
    expect(replayed.outcome.reply).toBe('Your savings balance is $1,200.');
    expect(replayed.outcome.toolCalls.map((call) => call.name)).toEqual([
      'get_balance',
    ]);
  });

  it('answers the model calls with the recorded responses', async () => {
    const recording = await balanceTurn();
    const first = recording.model_calls[0] as { response: any };
    first.response.choices[0].message.tool_calls[0].function.arguments =
      '{"account_type":"checking"}';

    const { outcome, differences } = await replayRecording(
      recording,
      webhook,
      model,
    );

    expect(outcome.toolCalls[0]?.arguments).toEqual({
      account_type: 'checking',
    });
    // The checking balance is then what the tool says, so the reply differs
    // too; the arguments are what this replay is about.
    expect(differences).toContain(
      'tool call 1 (get_balance) arguments: expected {"account_type":"savings"}, got {"account_type":"checking"}',
    );
  });

  it('ignores the ids a tool mints afresh on every run', async () => {
    const replayed = await replayRecording(await prepareTurn(), webhook, model);

    expect(replayed.differences).toEqual([]);
    expect(replayed.outcome.state.pendingTransfer).toMatchObject({
      amount: '20.00',
    });
  });

  it('shows a reply and a tool result that changed', async () => {
    const recording = await balanceTurn();
    const changed: TurnRecording = {
      ...recording,
      answer: { ...recording.answer, reply: 'You have $9.' },
      tool_calls: recording.tool_calls.map((call) => ({
        ...call,
        result: { balance: '9.00' },
      })),
    };

    const { differences } = await replayRecording(changed, webhook, model);

    expect(differences).toEqual([
      'reply: expected "You have $9.", got "Your savings balance is $1,200."',
      expect.stringMatching(
        /^tool call 1 \(get_balance\) result: expected \{"balance":"9.00"\}, got .*1200.00/,
      ),
    ]);
  });

  it('says when the turn now needs more model calls than were recorded', async () => {
    // The transfer's read-back needs the model twice; keep only the first.
    const recording = await prepareTurn();
    const cut = {
      ...recording,
      model_calls: recording.model_calls.slice(0, 1),
    };

    const { differences } = await replayRecording(cut, webhook, model);

    // The engine retries the unanswered call, so the count includes retries.
    expect(differences[0]).toMatch(
      /^model requests: the recording has 1, the replay sent [2-9]; those past the recording got no answer$/,
    );
    expect(differences.at(-1)).toMatch(
      /^fallback: expected none, got model_error/,
    );
  });
});

describe('recordingToConversation', () => {
  it('turns a recorded turn into a conversation file that passes', async () => {
    const yaml = recordingToConversation(
      await prepareTurn(),
      'recorded transfer',
    );
    const script = parseConversation(yaml, 'recorded.yaml');

    expect(script.turns[0]?.say).toBe('Send 20 dollars to Li.');
    expect(yaml).toContain('name: prepare_transfer');
    await expect(runConversationFile(script, { model })).resolves.toHaveLength(
      1,
    );
  });

  it('marks a conversation made from a masked recording', async () => {
    const recording = { ...(await balanceTurn()), content: 'masked' as const };

    expect(recordingToConversation(recording)).toMatch(
      /^# Recorded .* without content/,
    );
  });
});
