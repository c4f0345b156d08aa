import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { startProjectWebhook } from '../../src/testing/project-webhook.js';
import type { TestWebhook } from '../../src/testing/test-webhook.js';
import type { ToolCallReport } from '../../src/testing/turn-report.js';
import {
  formatDecimal,
  formatSpoken,
  parseCents,
} from '../../tools/banking/money.js';
import { replayDialogue, type ReplayedTurn } from './replay-dialogue.js';
import { sgdBankSeed, sgdCustomer, type SgdCustomer } from './sgd-bank-seed.js';
import { readSgdDialogues, type SgdDialogue } from './sgd-dialogue.js';

const dialogues = readSgdDialogues('test/fixtures/sgd-banking/train.jsonl');

// What the dataset holds: a dialogue that silently drops out fails the count.
const EXPECTED_TOTALS = { dialogues: 207, balanceChecks: 414, transfers: 207 };
const totals = { dialogues: 0, balanceChecks: 0, transfers: 0 };

const model = new ScriptedModel();
let webhook: TestWebhook;
let seedDir: string;

beforeAll(async () => {
  seedDir = await mkdtemp(join(tmpdir(), 'sgd-bank-'));
  const seedFile = join(seedDir, 'seed.json');
  await writeFile(seedFile, JSON.stringify(sgdBankSeed(dialogues)));

  model.listen();
  webhook = await startProjectWebhook({ env: { BANK_SEED: seedFile } });
});
afterEach(() => model.reset());
afterAll(async () => {
  await webhook?.close();
  model.close();
  await rm(seedDir, { recursive: true, force: true });
});

describe('the 207 SGD banking dialogues replayed over HTTP', () => {
  it.each(dialogues.map((dialogue) => [dialogue.id, dialogue] as const))(
    'dialogue %s gets every balance and transfer right',
    async (_id, dialogue) => {
      const customer = sgdCustomer(dialogue);

      const turns = await replayDialogue(webhook, model, dialogue, customer);

      model.assertDone();
      for (const turn of turns) expectTurnFollowed(dialogue, customer, turn);
      expect(Object.keys(turns.at(-1)?.outcome.state ?? {}).sort()).toEqual([
        'account_type',
        'authenticated',
        'lastTransfer',
        'topic',
        'userId',
      ]);
      totals.dialogues += 1;
    },
  );

  it('checks every balance and transfer the dataset reports', () => {
    expect(totals).toEqual(EXPECTED_TOTALS);
  });
});

function expectTurnFollowed(
  dialogue: SgdDialogue,
  customer: SgdCustomer,
  turn: ReplayedTurn,
) {
  const at = `${dialogue.id} turn ${turn.line}`;
  const { outcome } = turn;
  expect(outcome.status, at).toBe(200);
  expect(outcome.fallback, `${at}: fallback`).toBeUndefined();

  if (turn.line === 0) {
    expect(only(outcome, 'verify_identity', at).result, at).toMatchObject({
      verified: true,
    });
  }
  expect(outcome.state, at).toMatchObject({
    authenticated: true,
    userId: customer.id,
  });

  expectActionDone(turn, at);
}

function expectActionDone(turn: ReplayedTurn, at: string) {
  const { action, outcome } = turn;
  const { state, reply } = outcome;

  switch (action.kind) {
    case 'check_balance': {
      const read = only(outcome, 'get_balance', at).result;
      const expected = datasetCents(action.balance);
      expect(
        toolCents(read.balance),
        `${at}: ${action.accountType} balance`,
      ).toBe(expected);
      expect(reply, at).toContain(formatSpoken(expected));
      totals.balanceChecks += 1;
      return;
    }
    case 'read_back': {
      const prepared = only(outcome, 'prepare_transfer', at).result;
      const { amount, recipientName } = action.transfer;
      expect(prepared, at).toMatchObject({
        prepared: true,
        amount: decimal(amount),
      });
      expect(reply, at).toBe(prepared.read_back);
      expect(state.pendingTransfer, at).toMatchObject({
        amount: decimal(amount),
        recipient_name: recipientName,
      });
      return;
    }
    case 'transfer': {
      const done = only(outcome, 'confirm_transfer', at).result;
      const { amount, recipientName } = action.transfer;
      expect(done, at).toMatchObject({ done: true, amount: decimal(amount) });
      expect(state, at).not.toHaveProperty('pendingTransfer');
      expect(state.lastTransfer, at).toMatchObject({
        amount: decimal(amount),
        recipient_name: recipientName,
      });
      totals.transfers += 1;
      return;
    }
    case 'goodbye':
      expect(reply, at).toBeUndefined();
      return;
    case 'say':
      expect(reply, at).toBe(action.utterance.trim());
  }
}

/** The one call of `name` the turn made, which must have succeeded. */
function only(
  outcome: ReplayedTurn['outcome'],
  name: string,
  at: string,
): ToolCallReport & { result: Record<string, any> } {
  const calls = outcome.toolCalls.filter((call) => call.name === name);
  expect(calls, `${at}: calls of ${name}`).toHaveLength(1);

  const [call] = calls as [ToolCallReport];
  const said = `${at}: ${name} answered ${JSON.stringify(call.result)}`;
  expect(call.outcome, said).toBe('ok');
  expect(call.result, said).not.toHaveProperty('error');
  return call as ToolCallReport & { result: Record<string, any> };
}

function toolCents(amount: unknown): number | undefined {
  return typeof amount === 'string' ? parseCents(amount) : undefined;
}

// The dataset's amounts were checked when it was read, so they parse.
function datasetCents(amount: string): number {
  return parseCents(amount) ?? Number.NaN;
}

/** A dataset amount the way the tools write it: "1630.00". */
function decimal(amount: string): string {
  return formatDecimal(datasetCents(amount));
}
