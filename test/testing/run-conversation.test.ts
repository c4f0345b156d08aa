import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConversationFileError,
  parseConversation,
} from '../../src/testing/conversation-file.js';
import { ConversationMismatch } from '../../src/testing/run-conversation.js';
import { runConversationFile } from '../../src/testing/run-conversation-file.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';

const model = new ScriptedModel();
beforeAll(() => model.listen());
afterAll(() => model.close());

const VERIFIED = `
name: wrong on purpose
state: { authenticated: true, userId: cust_amira }
turns:
  - say: Hello there.
    model:
      - reply: null
    expect: { reply: null }
`;

async function mismatchOf(yaml: string): Promise<ConversationMismatch> {
  const script = parseConversation(yaml, 'in-memory.yaml');
  const error = await runConversationFile(script, { model }).catch(
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConversationMismatch);
  return error as ConversationMismatch;
}

describe('runConversation on a conversation that goes differently', () => {
  it('names the file, the conversation, the turn, the utterance and the reply that differed', async () => {
    const mismatch = await mismatchOf(`${VERIFIED}
  - say: What's in checking?
    model:
      - tools: [{ name: get_balance, args: { account_type: checking } }]
    expect: { reply: You have a million dollars. }
`);

    expect(mismatch.code).toBe('conversation_mismatch');
    expect(mismatch.turn).toBe(2);
    expect(mismatch.message).toBe(
      `in-memory.yaml (wrong on purpose), turn 2 ("What's in checking?"):\n` +
        `  reply: expected "You have a million dollars.", got "Your checking balance is $5,118.77."`,
    );
  });

  it('names the tool calls expected and the ones made', async () => {
    const mismatch = await mismatchOf(`${VERIFIED}
  - say: What's in savings?
    model:
      - tools: [{ name: get_balance, args: { account_type: savings } }]
    expect:
      tools: [{ name: prepare_transfer }]
`);

    expect(mismatch.differences).toEqual([
      'tool calls: expected prepare_transfer, got get_balance',
    ]);
  });

  it('shows a tool result that is not the expected one', async () => {
    const mismatch = await mismatchOf(`${VERIFIED}
  - say: What's in savings?
    model:
      - tools: [{ name: get_balance, args: { account_type: savings } }]
    expect:
      tools: [{ name: get_balance, result: { balance: '99.00' } }]
`);

    expect(mismatch.differences[0]).toMatch(
      /^tool call 1 \(get_balance\) result: expected \{"balance":"99.00"\}, got \{.*"balance":"1200.00"/,
    );
  });

  it('names a state key that is missing or different', async () => {
    const mismatch = await mismatchOf(`${VERIFIED}
  - say: Anything.
    model:
      - reply: Sure.
        state: { topic: other }
    expect:
      state: { topic: balance, pendingTransfer: { amount: '1.00' } }
`);

    expect(mismatch.differences).toEqual([
      'state.topic: expected "balance", got "other"',
      'state.pendingTransfer: expected {"amount":"1.00"}, but it is not in the state',
    ]);
  });

  it('reports a scripted step the turn never used', async () => {
    const mismatch = await mismatchOf(`${VERIFIED}
  - say: Anything.
    model:
      - reply: Sure.
      - reply: A second answer nobody asks for.
`);

    expect(mismatch.differences).toEqual([
      'scripted model: 1 scripted step(s) never used',
    ]);
  });

  it('reports a model call nobody scripted, and the fallback it caused', async () => {
    // Li has no savings account: the tool refuses, so the model is asked again.
    const mismatch = await mismatchOf(`
name: wrong on purpose
state: { authenticated: true, userId: cust_li }
turns:
  - say: What's in savings?
    model:
      - tools: [{ name: get_balance, args: { account_type: savings } }]
    expect: { fallback: null }
`);

    expect(mismatch.differences[0]).toMatch(
      /^scripted model: model call #2 had no scripted step/,
    );
    expect(mismatch.differences.at(-1)).toMatch(
      /^fallback: expected none, got model_error/,
    );
  });
});

describe('parseConversation', () => {
  it('names the file and the path of a misspelt key', () => {
    const bad = `turns:\n  - say: Hi\n    expect: { replly: null }\n`;

    expect(() => parseConversation(bad, 'typo.yaml')).toThrow(
      ConversationFileError,
    );
    expect(() => parseConversation(bad, 'typo.yaml')).toThrow(
      /^typo\.yaml: .*replly[\s\S]*turns\[0\]\.expect/,
    );
  });

  it('refuses a file that is not YAML, naming it', () => {
    expect(() => parseConversation('turns: [', 'broken.yaml')).toThrow(
      /^broken\.yaml: not valid YAML/,
    );
  });
});
