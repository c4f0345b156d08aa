import { z } from 'zod';
import type { Json } from '../../src/assistants/tool.js';
import { ACCOUNT_TYPES } from './bank.js';
import type { AccountType } from './bank.js';
import { parseCents } from './money.js';

const pendingSchema = z.object({
  id: z.string().min(1),
  // Whose transfer it is: a caller who verifies as someone else before
  // saying yes must not send the first customer's transfer from their own.
  customer_id: z.string().min(1),
  from_account_type: z.enum(ACCOUNT_TYPES),
  amount: z.string(),
  recipient_name: z.string().trim().min(1),
  recipient_account_type: z.enum(ACCOUNT_TYPES),
  // The timestamp of the turn that prepared it, so that it can lapse.
  prepared_at: z.string(),
});

/**
 * A transfer read back to the caller and waiting for their yes, as
 * prepare_transfer keeps it in the call's state under `pendingTransfer`.
 */
export type PendingTransfer = z.output<typeof pendingSchema>;

/** A pending transfer read back from state, its amount in whole cents. */
export type PendingInCents = PendingTransfer &
  Readonly<{ amountCents: number }>;

/**
 * Reads `pendingTransfer` from state with its amount in cents, or gives
 * `undefined` when the value is not a transfer prepare_transfer wrote.
 */
export function readPendingTransfer(value: Json): PendingInCents | undefined {
  const parsed = pendingSchema.safeParse(value);
  if (!parsed.success) return undefined;

  const amountCents = parseCents(parsed.data.amount);
  if (amountCents === undefined || amountCents === 0) return undefined;

  return { ...parsed.data, amountCents };
}

/** How the recipient's account is said aloud: "Amir's checking account". */
export function recipientAccount(name: string, type: AccountType): string {
  return `${name}'s ${type} account`;
}
