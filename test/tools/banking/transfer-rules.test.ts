import { describe, expect, it } from 'vitest';
import type { State, ToolOutcome } from '../../../src/assistants/tool.js';
import { confirmTransfer } from '../../../tools/banking/confirm-transfer.js';
import { prepareTransfer } from '../../../tools/banking/prepare-transfer.js';
import {
  isOwnSameAccount,
  isPendingFresh,
  transferRules,
} from '../../../tools/banking/transfer-rules.js';
import { AMIRA, contextFor, openTestBank, RULES } from './bank-fixture.js';

const ARGS = {
  from_account_type: 'checking',
  amount: 100,
  recipient_name: 'Amir',
  recipient_account_type: 'checking',
} as const;
const PREPARED_AT = '2025-01-01T00:00:00.000Z';

function at(timestamp: string, state: State = AMIRA, assistantId = 'asst') {
  const context = contextFor(state);
  return { ...context, turn: { ...context.turn, timestamp, assistantId } };
}

function applied(state: State, outcome: ToolOutcome): State {
  const next: State = { ...state, ...outcome.patch };
  for (const key of outcome.remove ?? []) delete next[key];
  return next;
}

describe('the transfer cap', () => {
  it('refuses to prepare a transfer over 10,000.00 by default', async () => {
    const bank = openTestBank();
    const tool = prepareTransfer(bank, RULES);

    const outcome = await tool.run(
      { ...ARGS, amount: 10_000.01 },
      at(PREPARED_AT),
    );

    expect(outcome.result).toMatchObject({ error: 'over_limit' });
    expect(outcome.patch).toBeUndefined();
  });

  it('prepares a transfer of exactly the cap when the funds are there', async () => {
    const bank = openTestBank();
    const rules = transferRules({ transferCap: '5000', transferCaps: {} });

    const outcome = await prepareTransfer(bank, rules).run(
      { ...ARGS, amount: 5000 },
      at(PREPARED_AT),
    );

    expect(outcome.patch).toHaveProperty('pendingTransfer');
  });

  it('applies the cap named for the assistant the call came through', async () => {
    const bank = openTestBank();
    const rules = transferRules({
      transferCap: '10000',
      transferCaps: { asst_kids: '50.00' },
    });
    const tool = prepareTransfer(bank, rules);

    const kids = await tool.run(ARGS, at(PREPARED_AT, AMIRA, 'asst_kids'));
    const other = await tool.run(ARGS, at(PREPARED_AT, AMIRA, 'asst_main'));

    expect(kids.result).toMatchObject({ error: 'over_limit' });
    expect(other.patch).toHaveProperty('pendingTransfer');
  });

  it('refuses to confirm a pending transfer over the cap and moves no money', async () => {
    const bank = openTestBank();
    const generous = transferRules({ transferCap: '5000', transferCaps: {} });
    const strict = transferRules({ transferCap: '50', transferCaps: {} });
    const prepared = await prepareTransfer(bank, generous).run(
      ARGS,
      at(PREPARED_AT),
    );

    const outcome = await confirmTransfer(bank, strict).run(
      {},
      at(PREPARED_AT, applied(AMIRA, prepared)),
    );

    expect(outcome.result).toMatchObject({ error: 'over_limit' });
    expect(outcome.remove).toEqual(['pendingTransfer']);
    expect(bank.balance('cust_amira', 'checking')).toBe(511_877);
  });
});

describe('a transfer to the caller’s own account', () => {
  it('is refused when the recipient is the caller and the account the same', async () => {
    const bank = openTestBank();
    const tool = prepareTransfer(bank, RULES);

    for (const name of ['Amira Haddad', 'amira', '  AMIRA   haddad ']) {
      const outcome = await tool.run(
        { ...ARGS, recipient_name: name },
        at(PREPARED_AT),
      );
      expect(outcome.result).toMatchObject({ error: 'same_account' });
    }
  });

  it('is allowed from the caller’s checking to their own savings', async () => {
    const bank = openTestBank();

    const outcome = await prepareTransfer(bank, RULES).run(
      {
        ...ARGS,
        recipient_name: 'Amira Haddad',
        recipient_account_type: 'savings',
      },
      at(PREPARED_AT),
    );

    expect(outcome.patch).toHaveProperty('pendingTransfer');
  });

  it('does not take another person with a name containing the caller’s for the caller', () => {
    expect(isOwnSameAccount('Amira Haddad', 'Amira Haddad-Smith', true)).toBe(
      false,
    );
  });
});

describe('a pending transfer', () => {
  async function preparedState(bank = openTestBank()) {
    const prepared = await prepareTransfer(bank, RULES).run(
      ARGS,
      at(PREPARED_AT),
    );
    return { bank, state: applied(AMIRA, prepared) };
  }

  it('can be confirmed within two minutes of its read-back', async () => {
    const { bank, state } = await preparedState();

    const outcome = await confirmTransfer(bank, RULES).run(
      {},
      at('2025-01-01T00:02:00.000Z', state),
    );

    expect(outcome.result).toMatchObject({ done: true });
  });

  it('expires after two minutes: confirm refuses it and moves no money', async () => {
    const { bank, state } = await preparedState();

    const outcome = await confirmTransfer(bank, RULES).run(
      {},
      at('2025-01-01T00:02:00.001Z', state),
    );

    expect(outcome.result).toMatchObject({ error: 'expired' });
    expect(outcome.remove).toEqual(['pendingTransfer']);
    expect(bank.balance('cust_amira', 'checking')).toBe(511_877);
  });

  it('counts a confirmation dated before its preparation as expired', () => {
    expect(isPendingFresh(PREPARED_AT, '2024-12-31T23:50:00.000Z')).toBe(false);
  });

  it('counts a pending transfer without a preparation time as unreadable', async () => {
    const { bank, state } = await preparedState();
    const pending = { ...(state.pendingTransfer as object) } as State;
    delete pending.prepared_at;

    const outcome = await confirmTransfer(bank, RULES).run(
      {},
      at(PREPARED_AT, { ...state, pendingTransfer: pending }),
    );

    expect(outcome.result).toMatchObject({ error: 'unreadable_pending' });
  });
});

describe('a refused transfer while another is pending', () => {
  it('drops the pending one when the new one is over the cap', async () => {
    const bank = openTestBank();
    const tool = prepareTransfer(bank, RULES);
    const first = await tool.run(ARGS, at(PREPARED_AT));

    const refused = await tool.run(
      { ...ARGS, amount: 20_000 },
      at(PREPARED_AT, applied(AMIRA, first)),
    );

    expect(refused.result).toMatchObject({ error: 'over_limit' });
    expect(refused.remove).toEqual(['pendingTransfer']);
  });
});
