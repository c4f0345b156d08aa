import type { ToolkitContext } from '../../src/assistants/tool.js';
import { parseCents } from './money.js';

/**
 * How long a prepared transfer waits for the caller's yes: a couple of
 * minutes is a few turns of a phone call. Past it the read-back is stale,
 * and a "yes" is more likely meant for something else.
 */
export const PENDING_TRANSFER_TTL_MS = 2 * 60 * 1000;

/** The limits on money the banking tools enforce, whatever the model says. */
export type TransferRules = Readonly<{
  /** The largest transfer, in cents, for the platform's assistant id. */
  capCents(assistantId: string): number;
}>;

type BankSettings = ToolkitContext['config']['bank'];

/**
 * The rules from the configuration: `BANK_TRANSFER_CAP` for every
 * assistant, unless `BANK_TRANSFER_CAPS` names a cap for its id.
 */
export function transferRules(
  settings: Pick<BankSettings, 'transferCap' | 'transferCaps'>,
): TransferRules {
  const cents = (amount: string, name: string) => {
    const value = parseCents(amount);
    if (value === undefined) throw new Error(`${name}: not an amount`);
    return value;
  };
  const fallback = cents(settings.transferCap, 'BANK_TRANSFER_CAP');
  const byAssistant = new Map(
    Object.entries(settings.transferCaps).map(([id, amount]) => [
      id,
      cents(amount, `BANK_TRANSFER_CAPS ${id}`),
    ]),
  );

  return {
    capCents: (assistantId) => byAssistant.get(assistantId) ?? fallback,
  };
}

/** Whether a transfer prepared at one turn may still be confirmed at another. */
export function isPendingFresh(preparedAt: string, now: string): boolean {
  const age = Date.parse(now) - Date.parse(preparedAt);
  // A "now" before the preparation is as suspect as one long after it.
  return Number.isFinite(age) && Math.abs(age) <= PENDING_TRANSFER_TTL_MS;
}

/**
 * Whether the recipient is the caller's own account the money leaves: the
 * recipient's name is the caller's full or first name (case and spacing
 * aside) and the account type is the same. Moving money between one's own
 * checking and savings stays allowed.
 */
export function isOwnSameAccount(
  callerName: string,
  recipientName: string,
  sameType: boolean,
): boolean {
  if (!sameType) return false;

  const normal = (name: string) =>
    name.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
  const caller = normal(callerName);
  const recipient = normal(recipientName);
  return recipient === caller || recipient === caller.split(' ')[0];
}
