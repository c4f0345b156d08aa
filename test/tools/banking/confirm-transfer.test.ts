import { describe, expect, it } from 'vitest';
import type { State, ToolOutcome } from '../../../src/assistants/tool.js';
import { confirmTransfer } from '../../../tools/banking/confirm-transfer.js';
import { prepareTransfer } from '../../../tools/banking/prepare-transfer.js';
import { AMIRA, RULES, openTestBank, runTool } from './bank-fixture.js';

const ARGS = {
  from_account_type: 'checking',
  amount: 1630,
  recipient_name: 'Amir',
  recipient_account_type: 'checking',
};

function applied(state: State, outcome: ToolOutcome): State {
  const next: State = { ...state, ...outcome.patch };
  for (const key of outcome.remove ?? []) delete next[key];
  return next;
}

async function setUp(amount = 1630) {
  const bank = openTestBank();
  const prepared = await runTool(
    prepareTransfer(bank, RULES),
    { ...ARGS, amount },
    AMIRA,
  );
  const state = applied(AMIRA, prepared);
  return { bank, tool: confirmTransfer(bank, RULES), state };
}

describe('confirm_transfer', () => {
  it('refuses a transfer prepared for another customer and moves nothing', async () => {
    const { bank, tool, state } = await setUp();
    const otherCaller = { ...state, userId: 'cust_jonas' };

    const outcome = await runTool(tool, {}, otherCaller);

    expect(outcome.result).toMatchObject({ error: 'not_your_transfer' });
    expect(outcome.remove).toEqual(['pendingTransfer']);
    expect(bank.balance('cust_jonas', 'checking')).toBe(24015);
    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
  });

  it("moves the pending amount out of the caller's account", async () => {
    const { bank, tool, state } = await setUp();

    await runTool(tool, {}, state);

    expect(bank.balance('cust_amira', 'checking')).toBe(511877 - 163000);
    expect(bank.balance('cust_amira', 'savings')).toBe(120000);
  });

  it('clears the pending transfer and records the last one', async () => {
    const { tool, state } = await setUp();
    const { id } = state.pendingTransfer as { id: string };

    const outcome = await runTool(tool, {}, state);

    expect(outcome.remove).toEqual(['pendingTransfer']);
    expect(outcome.patch).toEqual({
      lastTransfer: {
        id,
        amount: '1630.00',
        recipient_name: 'Amir',
        new_balance: '3488.77',
      },
    });
  });

  it('tells the model what was sent and the new balance', async () => {
    const { tool, state } = await setUp();

    const outcome = await runTool(tool, {}, state);

    expect(outcome.result).toEqual({
      done: true,
      amount: '1630.00',
      spoken_amount: '$1,630',
      recipient_name: 'Amir',
      from_account_type: 'checking',
      new_balance: '3488.77',
      spoken_balance: '$3,488.77',
      message:
        "Done. $1,630 went to Amir's checking account. " +
        'The checking balance is now $3,488.77.',
    });
  });

  it('moves money once when the same pending transfer is confirmed twice', async () => {
    const { bank, tool, state } = await setUp();

    await runTool(tool, {}, state);
    const again = await runTool(tool, {}, state);

    expect(again.result).toMatchObject({ error: 'already_executed' });
    expect(again.remove).toEqual(['pendingTransfer']);
    expect(again.patch).toBeUndefined();
    expect(bank.balance('cust_amira', 'checking')).toBe(511877 - 163000);
  });

  it('says nothing is pending and changes nothing', async () => {
    const { bank, tool } = await setUp();

    const outcome = await runTool(tool, {}, AMIRA);

    expect(outcome.result).toMatchObject({ error: 'nothing_pending' });
    expect(outcome.patch).toBeUndefined();
    expect(outcome.remove).toBeUndefined();
    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
  });

  it('refuses when the funds ran out since it was prepared', async () => {
    const { bank, tool, state } = await setUp(5000);
    bank.transfer({
      id: 'spent_meanwhile',
      customerId: 'cust_amira',
      fromType: 'checking',
      amountCents: 200000,
      recipientName: 'Rent',
      recipientAccountType: 'checking',
    });

    const outcome = await runTool(tool, {}, state);

    expect(outcome.result).toMatchObject({ error: 'insufficient_funds' });
    expect(outcome.remove).toEqual(['pendingTransfer']);
    expect(bank.balance('cust_amira', 'checking')).toBe(311877);
  });

  it('moves nothing and keeps the pending transfer once aborted', async () => {
    const { bank, tool, state } = await setUp();
    const controller = new AbortController();
    controller.abort();

    const outcome = await runTool(tool, {}, state, controller.signal);

    expect(outcome.result).toMatchObject({ error: 'aborted' });
    expect(outcome.remove).toBeUndefined();
    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
  });

  it('drops a pending transfer it cannot read and moves nothing', async () => {
    const { bank, tool } = await setUp();
    const state = { ...AMIRA, pendingTransfer: { id: 'x', amount: '-5' } };

    const outcome = await runTool(tool, {}, state);

    expect(outcome.result).toMatchObject({ error: 'unreadable_pending' });
    expect(outcome.remove).toEqual(['pendingTransfer']);
    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
  });

  it('refuses an unverified caller even if requires is skipped', async () => {
    const { bank, tool, state } = await setUp();

    const outcome = await runTool(tool, {}, { ...state, authenticated: false });

    expect(outcome.result).toMatchObject({ error: 'not_verified' });
    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
  });

  it('declares both transfer keys and requires verification', async () => {
    const { tool } = await setUp();

    expect(tool.effect).toBe('write');
    expect(tool.writes).toEqual(['pendingTransfer', 'lastTransfer']);
    expect(tool.requires?.({})).toContain('verify_identity');
  });

  it('takes an empty object as its parameters', async () => {
    const { tool } = await setUp();

    expect(tool.parameters.safeParse({}).success).toBe(true);
  });
});
