import type { SgdDialogue, SgdTurn } from './bench-data.js';
import type { ReplayAction } from './model-server.js';

/** One user turn of a replayed dialogue, with what the model will do. */
export type ReplayTurn = Readonly<{
  utterance: string;
  /** What the platform's own agent said next, for the context. */
  spoken: string;
  timestamp: string;
  action: ReplayAction;
}>;

const START = Date.UTC(2026, 0, 15, 9);

/**
 * The model a replay runs against decides as the dataset's system did: a
 * balance check becomes get_balance, the confirmation question of a transfer
 * prepare_transfer, the transfer itself confirm_transfer; any other turn is
 * answered with the system's words. Each turn gets a timestamp of its own,
 * which the prompt carries, so the model server can tell the turns apart.
 */
export function replayTurns(
  dialogue: SgdDialogue,
  index: number,
): ReplayTurn[] {
  const turns: ReplayTurn[] = [];

  dialogue.turns.forEach((turn, position) => {
    if (turn.speaker !== 'user') return;

    const next = dialogue.turns[position + 1];
    const at = START + (index * 100 + position) * 1000;
    turns.push({
      utterance: turn.utterance,
      spoken: next?.utterance ?? '',
      timestamp: new Date(at).toISOString(),
      action: {
        tool: toolFor(dialogue.turns.slice(position + 1)),
        reply: next?.utterance ?? null,
      },
    });
  });

  return turns;
}

function toolFor(rest: readonly SgdTurn[]): ReplayAction['tool'] {
  const [next] = rest;
  const call = next?.service_call;

  if (call?.method === 'CheckBalance') {
    return { name: 'get_balance', arguments: call.parameters };
  }
  if (call?.method === 'TransferMoney') return { name: 'confirm_transfer' };

  const asksToConfirm = next?.acts.some((act) => act === 'CONFIRM:amount');
  const transfer = rest.find(
    (turn) => turn.service_call?.method === 'TransferMoney',
  )?.service_call?.parameters;
  if (!asksToConfirm || !transfer) return undefined;

  return {
    name: 'prepare_transfer',
    arguments: {
      from_account_type: transfer.account_type,
      amount: Number(transfer.amount),
      recipient_name: transfer.recipient_account_name,
      recipient_account_type: transfer.recipient_account_type ?? 'checking',
    },
  };
}
