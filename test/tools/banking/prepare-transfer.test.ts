import { describe, expect, it } from 'vitest';
import { prepareTransfer } from '../../../tools/banking/prepare-transfer.js';
import { AMIRA, contextFor, openTestBank, runTool } from './bank-fixture.js';

const ARGS = {
  from_account_type: 'checking',
  amount: 1630,
  recipient_name: 'Amir',
  recipient_account_type: 'checking',
};

function setUp() {
  const bank = openTestBank();
  return { bank, tool: prepareTransfer(bank) };
}

describe('prepare_transfer', () => {
  it('keeps the transfer as pending under the idempotency key', async () => {
    const { tool } = setUp();

    const outcome = await runTool(tool, ARGS, AMIRA, undefined, 'idem_abc');

    expect(outcome.patch).toEqual({
      pendingTransfer: {
        id: 'idem_abc',
        customer_id: 'cust_amira',
        from_account_type: 'checking',
        amount: '1630.00',
        recipient_name: 'Amir',
        recipient_account_type: 'checking',
      },
    });
  });

  it('gives a sentence to read back for confirmation', async () => {
    const { tool } = setUp();

    const outcome = await runTool(tool, ARGS, AMIRA);

    expect(outcome.result).toMatchObject({
      prepared: true,
      amount: '1630.00',
      read_back:
        'Please confirm: transfer $1,630 from your checking account ' +
        "to Amir's checking account.",
    });
  });

  it('moves no money', async () => {
    const { bank, tool } = setUp();

    await runTool(tool, ARGS, AMIRA);

    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
  });

  it('prepares the same transfer when a turn is delivered again', async () => {
    const { tool } = setUp();

    const first = await runTool(tool, ARGS, AMIRA, undefined, 'idem_same');
    const again = await runTool(tool, ARGS, AMIRA, undefined, 'idem_same');

    expect(again.patch).toEqual(first.patch);
  });

  it('gives transfers of different tool calls different ids', async () => {
    const { tool } = setUp();

    const first = await runTool(tool, ARGS, AMIRA, undefined, 'idem_one');
    const second = await runTool(tool, ARGS, AMIRA, undefined, 'idem_two');

    const idOf = (patch: unknown) =>
      (patch as { pendingTransfer: { id: string } }).pendingTransfer.id;
    expect(idOf(first.patch)).not.toBe(idOf(second.patch));
  });

  it('trims the recipient name', async () => {
    const { tool } = setUp();

    const outcome = await runTool(
      tool,
      { ...ARGS, recipient_name: '  Amir  ' },
      AMIRA,
    );

    expect(outcome.result).toMatchObject({ recipient_name: 'Amir' });
  });

  it('refuses more than the account holds and keeps no pending', async () => {
    const { tool } = setUp();

    const outcome = await runTool(tool, { ...ARGS, amount: 5118.78 }, AMIRA);

    expect(outcome.result).toEqual({
      error: 'insufficient_funds',
      message:
        'The checking account has $5,118.77, which is not enough to send ' +
        '$5,118.78.',
    });
    expect(outcome.patch).toBeUndefined();
  });

  it('allows the whole balance', async () => {
    const { tool } = setUp();

    const outcome = await runTool(tool, { ...ARGS, amount: 5118.77 }, AMIRA);

    expect(outcome.result).toMatchObject({ prepared: true });
  });

  it('drops the transfer still pending when a new one is refused', async () => {
    const { tool } = setUp();
    const first = await runTool(tool, { ...ARGS, amount: 100 }, AMIRA);
    const withPending = { ...AMIRA, ...first.patch };

    const refused = await runTool(
      tool,
      { ...ARGS, amount: 999999 },
      withPending,
    );

    expect(refused.result).toMatchObject({ error: 'insufficient_funds' });
    expect(refused.remove).toEqual(['pendingTransfer']);
  });

  it('checks the funds of state.userId only', async () => {
    const { tool } = setUp();
    const jonas = { authenticated: true, userId: 'cust_jonas' };

    const outcome = await runTool(tool, ARGS, jonas);

    expect(outcome.result).toMatchObject({ error: 'insufficient_funds' });
  });

  it('says so when the caller has no such account', async () => {
    const { tool } = setUp();
    const jonas = { authenticated: true, userId: 'cust_jonas' };

    const outcome = await runTool(
      tool,
      { ...ARGS, from_account_type: 'savings', amount: 1 },
      jonas,
    );

    expect(outcome.result).toMatchObject({ error: 'no_account' });
    expect(outcome.patch).toBeUndefined();
  });

  it('refuses a bad amount in code when the schema is skipped', async () => {
    const { tool } = setUp();
    const run = (amount: number) =>
      tool.run({ ...ARGS, amount } as never, contextFor(AMIRA));

    for (const amount of [0, -5, 10.005, Number.NaN]) {
      const outcome = await run(amount);
      expect(outcome.result).toMatchObject({ error: 'invalid_amount' });
      expect(outcome.patch).toBeUndefined();
    }
  });

  it('refuses a blank recipient in code when the schema is skipped', async () => {
    const { tool } = setUp();

    const outcome = await tool.run(
      { ...ARGS, recipient_name: '   ' } as never,
      contextFor(AMIRA),
    );

    expect(outcome.result).toMatchObject({ error: 'invalid_recipient' });
  });

  it('refuses an unverified caller even if requires is skipped', async () => {
    const { tool } = setUp();

    const outcome = await runTool(tool, ARGS, { userId: 'cust_amira' });

    expect(outcome.result).toMatchObject({ error: 'not_verified' });
    expect(outcome.patch).toBeUndefined();
  });

  it('declares pendingTransfer and requires verification', () => {
    const { tool } = setUp();

    expect(tool.effect).toBe('write');
    expect(tool.writes).toEqual(['pendingTransfer']);
    expect(tool.requires?.({})).toContain('verify_identity');
  });
});

describe('prepare_transfer parameters', () => {
  const { parameters } = setUp().tool;
  const accepts = (changes: Record<string, unknown>) =>
    parameters.safeParse({ ...ARGS, ...changes }).success;

  it('accept dollars with up to two decimals', () => {
    expect(accepts({ amount: 1630 })).toBe(true);
    expect(accepts({ amount: 1630.5 })).toBe(true);
    expect(accepts({ amount: 0.01 })).toBe(true);
  });

  it('reject amounts with three decimals', () => {
    expect(accepts({ amount: 10.005 })).toBe(false);
  });

  it('reject zero and negative amounts', () => {
    expect(accepts({ amount: 0 })).toBe(false);
    expect(accepts({ amount: -20 })).toBe(false);
  });

  it('reject an amount given as text', () => {
    expect(accepts({ amount: '1630' })).toBe(false);
  });

  it('reject a blank recipient name', () => {
    expect(accepts({ recipient_name: '  ' })).toBe(false);
  });

  it('reject an unknown account type', () => {
    expect(accepts({ recipient_account_type: 'brokerage' })).toBe(false);
  });
});
