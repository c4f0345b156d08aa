import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import type { Bank, TransferResult } from './bank.js';
import { formatDecimal, formatSpoken } from './money.js';
import { readPendingTransfer, recipientAccount } from './pending-transfer.js';
import type { PendingInCents } from './pending-transfer.js';
import { overLimit } from './prepare-transfer.js';
import { refuse } from './refusal.js';
import { isPendingFresh, type TransferRules } from './transfer-rules.js';
import {
  NOT_VERIFIED,
  requiresVerified,
  verifiedCustomerId,
} from './requires-verified.js';

const PENDING = ['pendingTransfer'] as const;

/**
 * Executes the pending transfer once, atomically, after the caller said yes
 * to its read-back; the pending transfer's id makes a repeat a no-op.
 */
export function confirmTransfer(bank: Bank, rules: TransferRules) {
  return defineTool({
    name: 'confirm_transfer',
    description:
      'Execute the transfer prepared by prepare_transfer. Call it only ' +
      'after the caller clearly said yes to the read-back.',
    parameters: z.object({}),
    effect: 'write',
    writes: ['pendingTransfer', 'lastTransfer'],
    requires: requiresVerified,

    async run(_args, { state, signal, turn }) {
      const customerId = verifiedCustomerId(state);
      if (customerId === undefined) return refuse('not_verified', NOT_VERIFIED);

      const stored = state.pendingTransfer;
      if (stored === undefined || stored === null) {
        return refuse(
          'nothing_pending',
          'There is no transfer waiting to be confirmed. Nothing was sent.',
        );
      }
      const pending = readPendingTransfer(stored);
      if (pending === undefined) {
        return refuse(
          'unreadable_pending',
          'The transfer waiting to be confirmed could not be read, so ' +
            'nothing was sent. Please set it up again.',
          PENDING,
        );
      }

      if (pending.customer_id !== customerId) {
        return refuse(
          'not_your_transfer',
          'The transfer waiting was set up for another caller, so nothing ' +
            'was sent. Please set it up again.',
          PENDING,
        );
      }

      if (!isPendingFresh(pending.prepared_at, turn.timestamp)) {
        return refuse(
          'expired',
          'The transfer waited too long for a yes, so nothing was sent. ' +
            'Please set it up again.',
          PENDING,
        );
      }
      // Checked again here, where money moves: the state went through the
      // platform and back, and the cap may have been lowered since.
      if (pending.amountCents > rules.capCents(turn.assistantId)) {
        return overLimit(rules.capCents(turn.assistantId), PENDING);
      }

      // The write below is synchronous and cannot be stopped halfway, so
      // this is the last moment to honour a timeout without moving money.
      if (signal.aborted) {
        return refuse(
          'aborted',
          'The transfer was not made because time ran out. Nothing was sent.',
        );
      }

      const outcome = bank.transfer({
        id: pending.id,
        customerId,
        fromType: pending.from_account_type,
        amountCents: pending.amountCents,
        recipientName: pending.recipient_name,
        recipientAccountType: pending.recipient_account_type,
      });
      if (!outcome.ok) return refused(outcome.reason);

      return transferred(pending, outcome.balanceCents);
    },
  });
}

function transferred(pending: PendingInCents, balanceCents: number) {
  const spokenAmount = formatSpoken(pending.amountCents);
  const spokenBalance = formatSpoken(balanceCents);
  const newBalance = formatDecimal(balanceCents);
  const from = pending.from_account_type;
  const to = recipientAccount(
    pending.recipient_name,
    pending.recipient_account_type,
  );

  return {
    result: {
      done: true,
      amount: pending.amount,
      spoken_amount: spokenAmount,
      recipient_name: pending.recipient_name,
      from_account_type: from,
      new_balance: newBalance,
      spoken_balance: spokenBalance,
      message:
        `Done. ${spokenAmount} went to ${to}. ` +
        `The ${from} balance is now ${spokenBalance}.`,
    },
    remove: PENDING,
    patch: {
      lastTransfer: {
        id: pending.id,
        amount: pending.amount,
        recipient_name: pending.recipient_name,
        new_balance: newBalance,
      },
    },
  };
}

// Every refusal drops the pending transfer. A repeat is already done; a
// missing account will not appear; and after a shortfall the caller should
// hear a new read-back for a new amount rather than have the old one
// retried later on a yes that was meant for something else.
function refused(reason: Exclude<TransferResult, { ok: true }>['reason']) {
  const messages: Record<typeof reason, string> = {
    insufficient_funds:
      'There is no longer enough money in the account, so nothing was sent.',
    already_executed:
      'That transfer was already made, so no money moved this time.',
    no_account: 'That account does not exist, so nothing was sent.',
  };
  return refuse(reason, messages[reason], PENDING);
}
