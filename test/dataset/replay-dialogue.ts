import type { ScriptedModel } from '../../src/testing/scripted-model.js';
import type { TestWebhook } from '../support/start-webhook.js';
import { followSystem } from './follow-dialogue.js';
import type { SgdCustomer } from './sgd-bank-seed.js';
import { userLines, type SgdDialogue } from './sgd-dialogue.js';
import { systemActionAfter, type SystemAction } from './sgd-system-action.js';
import type { ToolResult } from './tool-results.js';

/** One user line sent to the webhook, and everything its answer showed. */
export type ReplayedTurn = Readonly<{
  /** Where the line is in the dialogue's turns, to name it in failures. */
  line: number;
  action: SystemAction;
  status: number;
  reply: unknown;
  state: Readonly<Record<string, unknown>>;
  /** The turn's summary log line ("turn answered" or "turn fell back"). */
  log: Readonly<Record<string, unknown>> | undefined;
  results: readonly ToolResult[];
}>;

const FIRST_TIMESTAMP = Date.parse('2024-01-15T10:30:00Z');

/**
 * Plays a dialogue's user lines to the webhook as the platform would: one
 * call id, each request carrying the previous answer's state and every
 * earlier line as context, the model scripted to follow the dataset.
 */
export async function replayDialogue(
  webhook: TestWebhook,
  model: ScriptedModel,
  dialogue: SgdDialogue,
  customer: SgdCustomer,
): Promise<ReplayedTurn[]> {
  const replayed: ReplayedTurn[] = [];
  let state: Readonly<Record<string, unknown>> = {};

  for (const line of userLines(dialogue)) {
    const action = systemActionAfter(dialogue, line);
    const results: ToolResult[] = [];
    model.script(
      ...followSystem(action, {
        verifyAs: line === 0 ? customer : undefined,
        onResults: (read) => results.push(...read),
      }),
    );

    const logged = webhook.logs.length;
    const { status, body } = await webhook.post(
      requestFor(dialogue, line, state),
    );

    // A refused request has no state; the platform would keep the last one.
    state = isRecord(body?.state) ? body.state : state;

    // Only this request's lines: an older one would hide a turn never logged.
    const log = webhook.logs
      .slice(logged)
      .findLast((entry) => isTurnLine(entry.msg));
    replayed.push({
      line,
      action,
      status,
      reply: body?.reply,
      state,
      log,
      results,
    });
  }

  return replayed;
}

function requestFor(
  dialogue: SgdDialogue,
  line: number,
  state: Readonly<Record<string, unknown>>,
) {
  const context = dialogue.turns.slice(0, line + 1).map((turn) => ({
    role: turn.speaker === 'user' ? 'user' : 'assistant',
    content: turn.utterance,
  }));

  return {
    call_id: `call_sgd_${dialogue.id}`,
    assistant_id: 'asst_sgd_bank',
    utterance: dialogue.turns[line]?.utterance,
    state,
    context,
    timestamp: new Date(FIRST_TIMESTAMP + line * 5000).toISOString(),
  };
}

function isTurnLine(msg: unknown): boolean {
  return typeof msg === 'string' && msg.startsWith('turn ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
