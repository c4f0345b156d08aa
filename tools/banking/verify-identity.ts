import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import type { Bank } from './bank.js';
import { refuse } from './refusal.js';

const parameters = z.object({
  account_number: z
    .string()
    .describe('The account number the caller gave, digits only'),
  pin: z.string().describe('The PIN the caller gave, digits only'),
});

// Callers read numbers in groups; the transcript keeps their spaces.
const digitsOf = (spoken: string) => spoken.replace(/[\s-]/g, '');

/** Verifies the caller by account number and PIN, and records who they are. */
export function verifyIdentity(bank: Bank) {
  return defineTool({
    name: 'verify_identity',
    description:
      'Verify the caller with their account number and PIN. Needed before ' +
      'any balance or transfer.',
    parameters,
    effect: 'write',
    writes: ['authenticated', 'userId'],

    async run(args) {
      const verification = bank.verify(
        digitsOf(args.account_number),
        digitsOf(args.pin),
      );

      if (!verification.ok && verification.reason === 'unknown_account') {
        return refuse(
          'unknown_account',
          'There is no account with that number.',
        );
      }
      if (!verification.ok) {
        return refuse('wrong_pin', 'That PIN is not right for this account.');
      }

      const { customer } = verification;
      const firstName = customer.name.trim().split(/\s+/)[0] ?? customer.name;
      return {
        result: {
          verified: true,
          first_name: firstName,
          message: `Verified. The caller is ${firstName}.`,
        },
        patch: { authenticated: true, userId: customer.id },
      };
    },
  });
}
