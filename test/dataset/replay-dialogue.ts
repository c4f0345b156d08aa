import {
  Conversation,
  type TurnOutcome,
} from '../../src/testing/conversation.js';
import type { ScriptedModel } from '../../src/testing/scripted-model.js';
import type { WebhookTarget } from '../../src/testing/webhook-target.js';
import { followSystem } from './follow-dialogue.js';
import type { SgdCustomer } from './sgd-bank-seed.js';
import { userLines, type SgdDialogue } from './sgd-dialogue.js';
import { systemActionAfter, type SystemAction } from './sgd-system-action.js';

/** One user line sent to the webhook, what the dataset did next, and the turn. */
export type ReplayedTurn = Readonly<{
  /** Where the line is in the dialogue's turns, to name it in failures. */
  line: number;
  action: SystemAction;
  outcome: TurnOutcome;
}>;

/**
 * Plays a dialogue's user lines to the webhook as one call of the platform
 * (the testing kit's `Conversation`), the model scripted to do what the
 * dataset's system did after each line.
 */
export async function replayDialogue(
  webhook: WebhookTarget,
  model: ScriptedModel,
  dialogue: SgdDialogue,
  customer: SgdCustomer,
): Promise<ReplayedTurn[]> {
  const conversation = new Conversation(webhook, {
    callId: `call_sgd_${dialogue.id}`,
    assistantId: 'asst_sgd_bank',
  });
  const replayed: ReplayedTurn[] = [];

  for (const line of userLines(dialogue)) {
    const action = systemActionAfter(dialogue, line);
    model.script(
      ...followSystem(action, { verifyAs: line === 0 ? customer : undefined }),
    );

    const outcome = await conversation.say(dialogue.turns[line]!.utterance);
    replayed.push({ line, action, outcome });
  }

  return replayed;
}
