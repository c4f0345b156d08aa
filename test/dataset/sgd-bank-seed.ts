import type { BankSeedInput } from '../../tools/banking/bank-seed.js';
import { formatDecimal, parseCents } from '../../tools/banking/money.js';
import type { AccountType, SgdDialogue } from './sgd-dialogue.js';

/** The bank customer who makes one dialogue's call. */
export type SgdCustomer = Readonly<{
  id: string;
  name: string;
  account_number: string;
  pin: string;
}>;

// Enough for a bank account nobody asks about: it only has to cover transfers.
const UNREPORTED_MARGIN_CENTS = 1000_00;

/** One customer per dialogue, with both accounts opened at `openingBalances`. */
export function sgdBankSeed(dialogues: readonly SgdDialogue[]): BankSeedInput {
  const customers = dialogues.map((dialogue) => {
    const opening = openingBalances(dialogue);
    return {
      ...sgdCustomer(dialogue),
      accounts: {
        checking: formatDecimal(opening.checking),
        savings: formatDecimal(opening.savings),
      },
    };
  });

  return { customers };
}

/**
 * The customer of a dialogue. Ids have the form "32_00011", so their digits
 * are unique account numbers; the pin only has to be the caller's own.
 */
export function sgdCustomer(dialogue: SgdDialogue): SgdCustomer {
  const accountNumber = dialogue.id.replace(/\D/g, '');

  return {
    id: `sgd_${dialogue.id}`,
    name: `Caller ${dialogue.id}`,
    account_number: accountNumber,
    pin: accountNumber.slice(-4),
  };
}

/**
 * Opening balances in cents that make every balance the dialogue reports
 * true: the first reported balance plus what left the account before that
 * report. An account never reported covers its transfers with a margin.
 */
export function openingBalances(
  dialogue: SgdDialogue,
): Record<AccountType, number> {
  const sent = { checking: 0, savings: 0 };
  const opening: Partial<Record<AccountType, number>> = {};

  for (const turn of dialogue.turns) {
    const { call } = turn;
    if (!call) continue;

    if (call.method === 'TransferMoney') {
      sent[call.transfer.fromAccountType] += cents(call.transfer.amount);
      continue;
    }
    opening[call.accountType] ??= cents(call.balance) + sent[call.accountType];
  }

  return {
    checking: opening.checking ?? sent.checking + UNREPORTED_MARGIN_CENTS,
    savings: opening.savings ?? sent.savings + UNREPORTED_MARGIN_CENTS,
  };
}

function cents(amount: string): number {
  const value = parseCents(amount);
  if (value === undefined) throw new Error(`not an amount: ${amount}`);

  return value;
}
