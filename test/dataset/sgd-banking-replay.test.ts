import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAssistants } from '../../src/assistants/load-assistants.js';
import {
  loadToolkits,
  type LoadedTools,
} from '../../src/assistants/load-toolkits.js';
import { loadConfig } from '../../src/config/config.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  formatDecimal,
  formatSpoken,
  parseCents,
} from '../../tools/banking/money.js';
import {
  MODEL_BASE_URL,
  startWebhook,
  type TestWebhook,
} from '../support/start-webhook.js';
import { replayDialogue, type ReplayedTurn } from './replay-dialogue.js';
import { sgdBankSeed, sgdCustomer, type SgdCustomer } from './sgd-bank-seed.js';
import { readSgdDialogues, type SgdDialogue } from './sgd-dialogue.js';
import type { ToolResult } from './tool-results.js';

const dialogues = readSgdDialogues('test/fixtures/sgd-banking/train.jsonl');

// What the dataset holds: a dialogue that silently drops out fails the count.
const EXPECTED_TOTALS = { dialogues: 207, balanceChecks: 414, transfers: 207 };
const totals = { dialogues: 0, balanceChecks: 0, transfers: 0 };

const model = new ScriptedModel();
let webhook: TestWebhook;
let toolkits: LoadedTools;
let seedDir: string;

beforeAll(async () => {
  seedDir = await mkdtemp(join(tmpdir(), 'sgd-bank-'));
  const seedFile = join(seedDir, 'seed.json');
  await writeFile(seedFile, JSON.stringify(sgdBankSeed(dialogues)));

  const config = loadConfig({
    BANK_SEED: seedFile,
    BANK_DB: ':memory:',
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: MODEL_BASE_URL,
    PROMPTS_DIR: 'prompts',
    LOG_LEVEL: 'silent',
  });
  toolkits = await loadToolkits(config);
  const assistants = await loadAssistants(config, toolkits.tools);

  model.listen();
  webhook = await startWebhook({ assistants });
});
afterEach(() => model.reset());
afterAll(async () => {
  await webhook?.close();
  model.close();
  await toolkits?.close();
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
      expect(Object.keys(turns.at(-1)?.state ?? {}).sort()).toEqual([
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
  expect(turn.status, at).toBe(200);
  expect(turn.log?.fallback, `${at}: fallback`).toBeUndefined();
  expect(turn.log, at).toMatchObject({ msg: 'turn answered' });

  if (turn.line === 0) {
    expect(only(turn.results, 'verify_identity', at).result, at).toMatchObject({
      verified: true,
    });
  }
  expect(turn.state, at).toMatchObject({
    authenticated: true,
    userId: customer.id,
  });

  expectActionDone(turn, at);
}

function expectActionDone(turn: ReplayedTurn, at: string) {
  const { action, state } = turn;

  switch (action.kind) {
    case 'check_balance': {
      const read = only(turn.results, 'get_balance', at).result;
      const expected = datasetCents(action.balance);
      expect(
        toolCents(read.balance),
        `${at}: ${action.accountType} balance`,
      ).toBe(expected);
      expect(turn.reply, at).toContain(formatSpoken(expected));
      totals.balanceChecks += 1;
      return;
    }
    case 'read_back': {
      const prepared = only(turn.results, 'prepare_transfer', at).result;
      const { amount, recipientName } = action.transfer;
      expect(prepared, at).toMatchObject({
        prepared: true,
        amount: decimal(amount),
      });
      expect(turn.reply, at).toBe(prepared.read_back);
      expect(state.pendingTransfer, at).toMatchObject({
        amount: decimal(amount),
        recipient_name: recipientName,
      });
      return;
    }
    case 'transfer': {
      const done = only(turn.results, 'confirm_transfer', at).result;
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
      expect(turn.reply, at).toBeUndefined();
      return;
    case 'say':
      expect(turn.reply, at).toBe(action.utterance.trim());
  }
}

/** The result of the one call of `name` the turn made, which must have succeeded. */
function only(
  results: readonly ToolResult[],
  name: string,
  at: string,
): ToolResult {
  const calls = results.filter((result) => result.name === name);
  expect(calls, `${at}: calls of ${name}`).toHaveLength(1);

  const [call] = calls as [ToolResult];
  expect(call.ok, `${at}: ${name} answered ${call.content}`).toBe(true);
  return call;
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
