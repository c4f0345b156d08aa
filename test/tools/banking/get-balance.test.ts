import { describe, expect, it } from 'vitest';
import { getBalance } from '../../../tools/banking/get-balance.js';
import { AMIRA, openTestBank, runTool } from './bank-fixture.js';

const tool = getBalance(openTestBank());

describe('get_balance', () => {
  it("reads the verified caller's balance as decimal and spoken", async () => {
    const outcome = await runTool(tool, { account_type: 'checking' }, AMIRA);

    expect(outcome.result).toEqual({
      account_type: 'checking',
      balance: '5118.77',
      spoken: '$5,118.77',
    });
    expect(outcome.patch).toBeUndefined();
  });

  it('speaks a found balance to the caller directly', async () => {
    const outcome = await runTool(tool, { account_type: 'savings' }, AMIRA);

    expect(outcome.reply).toBe('Your savings balance is $1,200.');
  });

  it('leaves the answer to the model when there is no such account', async () => {
    const jonas = { authenticated: true, userId: 'cust_jonas' };

    const outcome = await runTool(tool, { account_type: 'savings' }, jonas);

    expect(outcome.reply).toBeUndefined();
  });

  it('reads only the accounts of state.userId', async () => {
    const jonas = { authenticated: true, userId: 'cust_jonas' };

    const outcome = await runTool(tool, { account_type: 'checking' }, jonas);

    expect(outcome.result).toMatchObject({ balance: '240.15' });
  });

  it('says so when the caller has no such account', async () => {
    const jonas = { authenticated: true, userId: 'cust_jonas' };

    const outcome = await runTool(tool, { account_type: 'savings' }, jonas);

    expect(outcome.result).toMatchObject({ error: 'no_account' });
  });

  it('refuses an unverified caller even if requires is skipped', async () => {
    const state = { authenticated: false, userId: 'cust_amira' };

    const outcome = await runTool(tool, { account_type: 'checking' }, state);

    expect(outcome.result).toMatchObject({ error: 'not_verified' });
  });

  it('is a read guarded by verification', () => {
    expect(tool.effect).toBe('read');
    expect(tool.requires?.({})).toContain('verify_identity');
  });

  it('accepts only checking or savings', () => {
    const schema = tool.parameters;

    expect(schema.safeParse({ account_type: 'savings' }).success).toBe(true);
    expect(schema.safeParse({ account_type: 'credit' }).success).toBe(false);
  });
});
