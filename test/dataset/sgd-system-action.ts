import type { AccountType, SgdDialogue, SgdTransfer } from './sgd-dialogue.js';

/** What the dataset's system did in answer to one user line. */
export type SystemAction =
  | Readonly<{
      kind: 'check_balance';
      accountType: AccountType;
      balance: string;
    }>
  | Readonly<{ kind: 'read_back'; transfer: SgdTransfer }>
  | Readonly<{ kind: 'transfer'; transfer: SgdTransfer }>
  | Readonly<{ kind: 'goodbye' }>
  | Readonly<{ kind: 'say'; utterance: string }>;

/** The action of the system turn that follows the user line at `userLine`. */
export function systemActionAfter(
  dialogue: SgdDialogue,
  userLine: number,
): SystemAction {
  const turn = dialogue.turns[userLine + 1];
  if (turn?.speaker !== 'system') {
    throw new Error(`${dialogue.id}: no system turn after line ${userLine}`);
  }

  const { call } = turn;
  if (call?.method === 'CheckBalance') {
    return {
      kind: 'check_balance',
      accountType: call.accountType,
      balance: call.balance,
    };
  }
  if (call?.method === 'TransferMoney')
    return { kind: 'transfer', transfer: call.transfer };

  if (turn.acts.includes('CONFIRM:amount')) {
    return {
      kind: 'read_back',
      transfer: transferAfter(dialogue, userLine + 1),
    };
  }
  if (turn.acts.every((act) => act === 'GOODBYE')) return { kind: 'goodbye' };

  return { kind: 'say', utterance: turn.utterance };
}

// A read-back names the transfer only in words; the TransferMoney call that
// follows it carries the same transfer as data. In 32_00043 the caller turns
// down a first read-back, so both read-backs get the transfer finally made.
function transferAfter(dialogue: SgdDialogue, line: number): SgdTransfer {
  for (const turn of dialogue.turns.slice(line + 1)) {
    if (turn.call?.method === 'TransferMoney') return turn.call.transfer;
  }

  throw new Error(
    `${dialogue.id}: no TransferMoney call after the read-back at line ${line}`,
  );
}
