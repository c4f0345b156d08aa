import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import { ACCOUNT_TYPES } from './bank.js';
import type { Bank } from './bank.js';
import { formatDecimal, formatSpoken } from './money.js';
import { refuse } from './refusal.js';
import {
  NOT_VERIFIED,
  requiresVerified,
  verifiedCustomerId,
} from './requires-verified.js';

const parameters = z.object({
  account_type: z
    .enum(ACCOUNT_TYPES)
    .describe("Which of the caller's accounts to read"),
});

/** Reads the balance of one of the verified caller's own accounts. */
export function getBalance(bank: Bank) {
  return defineTool({
    name: 'get_balance',
    description:
      "Get the balance of the verified caller's checking or savings account.",
    parameters,
    effect: 'read',
    requires: requiresVerified,

    async run(args, { state }) {
      const customerId = verifiedCustomerId(state);
      if (customerId === undefined) return refuse('not_verified', NOT_VERIFIED);

      const type = args.account_type;
      const cents = bank.balance(customerId, type);
      if (cents === undefined) {
        return refuse('no_account', `The caller has no ${type} account.`);
      }

      // A balance needs no more reasoning: the caller hears it without a
      // second model call.
      const spoken = formatSpoken(cents);
      return {
        result: { account_type: type, balance: formatDecimal(cents), spoken },
        reply: `Your ${type} balance is ${spoken}.`,
      };
    },
  });
}
