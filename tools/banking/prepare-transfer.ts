import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import { ACCOUNT_TYPES } from './bank.js';
import type { Bank } from './bank.js';
import { formatDecimal, formatSpoken, parseCents } from './money.js';
import { recipientAccount } from './pending-transfer.js';
import type { PendingTransfer } from './pending-transfer.js';
import { refuse } from './refusal.js';
import {
  NOT_VERIFIED,
  requiresVerified,
  verifiedCustomerId,
} from './requires-verified.js';

// A new request replaces any transfer still pending. When the new one is
// refused, the old one goes too: otherwise a later "yes" meant for the new
// amount would send the old transfer the caller already moved on from.
const STALE = ['pendingTransfer'] as const;

// Every field stays required and unrefined in the JSON schema, as OpenAI's
// strict mode wants; the refinements only run when arguments are parsed.
const parameters = z.object({
  from_account_type: z
    .enum(ACCOUNT_TYPES)
    .describe("The caller's account the money leaves"),
  amount: z
    .number()
    .positive()
    .refine((value) => parseCents(value) !== undefined, {
      message: 'expected dollars with at most two decimals',
    })
    .describe('Amount in dollars, for example 1630.5'),
  recipient_name: z
    .string()
    .refine((value) => value.trim() !== '', {
      message: 'expected the name of the person receiving the money',
    })
    .describe('Who receives the money'),
  recipient_account_type: z
    .enum(ACCOUNT_TYPES)
    .describe("The recipient's account the money goes to"),
});

/**
 * Checks a transfer and keeps it as pending, with a sentence to read back to
 * the caller; no money moves until confirm_transfer.
 */
export function prepareTransfer(bank: Bank) {
  return defineTool({
    name: 'prepare_transfer',
    description:
      "Prepare a transfer from the verified caller's account and get a " +
      'sentence to read back. Moves no money: after reading it back, ask ' +
      'the caller to confirm, then call confirm_transfer.',
    parameters,
    effect: 'write',
    writes: ['pendingTransfer'],
    requires: requiresVerified,

    async run(args, { state, idempotencyKey }) {
      const customerId = verifiedCustomerId(state);
      if (customerId === undefined) return refuse('not_verified', NOT_VERIFIED);

      // The schema already refused these; arguments that skip it must too.
      const cents = parseCents(args.amount);
      if (cents === undefined || cents === 0) {
        return refuse(
          'invalid_amount',
          'The amount must be more than zero, in dollars and cents.',
          STALE,
        );
      }
      const recipientName = args.recipient_name.trim();
      if (recipientName === '') {
        return refuse(
          'invalid_recipient',
          'The transfer needs the name of the person receiving the money.',
          STALE,
        );
      }

      const from = args.from_account_type;
      const balance = bank.balance(customerId, from);
      if (balance === undefined) {
        return refuse(
          'no_account',
          `The caller has no ${from} account.`,
          STALE,
        );
      }
      if (balance < cents) {
        return refuse(
          'insufficient_funds',
          `The ${from} account has ${formatSpoken(balance)}, which is not ` +
            `enough to send ${formatSpoken(cents)}.`,
          STALE,
        );
      }

      // The id confirm_transfer executes at most once. Taken from the tool
      // call's idempotency key, a turn delivered again prepares the same
      // transfer rather than a second one a later yes could also send.
      const pending: PendingTransfer = {
        id: idempotencyKey,
        customer_id: customerId,
        from_account_type: from,
        amount: formatDecimal(cents),
        recipient_name: recipientName,
        recipient_account_type: args.recipient_account_type,
      };
      return prepared(pending, cents);
    },
  });
}

function prepared(pending: PendingTransfer, cents: number) {
  const spokenAmount = formatSpoken(cents);
  const from = pending.from_account_type;
  const to = recipientAccount(
    pending.recipient_name,
    pending.recipient_account_type,
  );

  return {
    result: {
      prepared: true,
      from_account_type: from,
      amount: pending.amount,
      spoken_amount: spokenAmount,
      recipient_name: pending.recipient_name,
      recipient_account_type: pending.recipient_account_type,
      read_back:
        `Please confirm: transfer ${spokenAmount} from your ${from} ` +
        `account to ${to}.`,
    },
    patch: { pendingTransfer: pending },
  };
}
