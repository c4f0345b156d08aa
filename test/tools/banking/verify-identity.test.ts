import { describe, expect, it } from 'vitest';
import { verifyIdentity } from '../../../tools/banking/verify-identity.js';
import { openTestBank, runTool } from './bank-fixture.js';

const tool = verifyIdentity(openTestBank());

describe('verify_identity', () => {
  it('verifies the caller and records who they are', async () => {
    const outcome = await runTool(
      tool,
      { account_number: '12345678', pin: '4321' },
      {},
    );

    expect(outcome.patch).toEqual({
      authenticated: true,
      userId: 'cust_amira',
    });
    expect(outcome.result).toMatchObject({
      verified: true,
      first_name: 'Amira',
    });
  });

  it('accepts numbers read out in groups', async () => {
    const outcome = await runTool(
      tool,
      { account_number: '1234 5678', pin: '43-21' },
      {},
    );

    expect(outcome.patch).toEqual({
      authenticated: true,
      userId: 'cust_amira',
    });
  });

  it('says the pin is wrong and changes no state', async () => {
    const outcome = await runTool(
      tool,
      { account_number: '12345678', pin: '0000' },
      {},
    );

    expect(outcome.result).toMatchObject({ error: 'wrong_pin' });
    expect(outcome.patch).toBeUndefined();
    expect(outcome.remove).toBeUndefined();
  });

  it('says the account is unknown and changes no state', async () => {
    const outcome = await runTool(
      tool,
      { account_number: '99999999', pin: '4321' },
      {},
    );

    expect(outcome.result).toMatchObject({ error: 'unknown_account' });
    expect(outcome.patch).toBeUndefined();
  });

  it('declares the trust keys it writes', () => {
    expect(tool.effect).toBe('write');
    expect(tool.writes).toEqual(['authenticated', 'userId']);
  });

  it('requires both fields as strings', () => {
    const schema = tool.parameters;

    expect(schema.safeParse({ account_number: '1', pin: '2' }).success).toBe(
      true,
    );
    expect(schema.safeParse({ account_number: '1' }).success).toBe(false);
    expect(schema.safeParse({ account_number: 1, pin: 2 }).success).toBe(false);
  });
});
