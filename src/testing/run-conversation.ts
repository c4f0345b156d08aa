import { Conversation, type TurnOutcome } from './conversation.js';
import type { ConversationScript } from './conversation-file.js';
import type { ScriptedModel } from './scripted-model.js';
import { compareTurn } from './turn-expectation.js';
import type { WebhookTarget } from './webhook-target.js';

/** A conversation that did not go as written: names the turn and what differed. */
export class ConversationMismatch extends Error {
  readonly code = 'conversation_mismatch';

  constructor(
    readonly conversation: string,
    readonly turn: number,
    readonly utterance: string,
    readonly differences: readonly string[],
  ) {
    super(
      `${conversation}, turn ${turn} (${JSON.stringify(utterance)}):\n  ` +
        differences.join('\n  '),
    );
    this.name = 'ConversationMismatch';
  }
}

/**
 * Plays a conversation script turn by turn: scripts the model for the turn,
 * sends the utterance, compares. Stops at the first turn that differs,
 * since the turns after it build on it.
 */
export async function runConversation(
  script: ConversationScript,
  target: WebhookTarget,
  model: ScriptedModel,
): Promise<TurnOutcome[]> {
  const conversation = new Conversation(target, {
    assistantId: script.assistant ?? 'asst_conversation',
    state: script.state as Conversation['state'] | undefined,
  });
  const outcomes: TurnOutcome[] = [];

  for (const turn of script.turns) {
    model.reset();
    model.script(...turn.model);

    const outcome = await conversation.say(turn.say);
    const differences = [
      ...modelProblems(model),
      ...compareTurn(outcome, turn.expect),
    ];
    if (differences.length > 0) {
      throw new ConversationMismatch(
        describeScript(script),
        outcome.turn,
        turn.say,
        differences,
      );
    }
    outcomes.push(outcome);
  }

  model.reset();
  return outcomes;
}

function describeScript({ name, file }: ConversationScript): string {
  return file === undefined || file === name ? name : `${file} (${name})`;
}

function modelProblems(model: ScriptedModel): string[] {
  try {
    model.assertDone();
    return [];
  } catch (error: unknown) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
