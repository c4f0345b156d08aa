import type { BenchPlan } from './bench-plan.js';
import { sgdDialogues, VERIFIED_STATE } from './bench-data.js';
import {
  startTarget,
  type ModelServer,
  type ModelStats,
  type Target,
} from './bench-processes.js';
import type { TargetName } from './bench-targets.js';
import type { ReplayAction } from './model-server.js';
import { replayTurns, type ReplayTurn } from './replay-actions.js';

export type ReplayResult = Readonly<{
  target: TargetName;
  dialogues: number;
  turns: number;
  balanceTurns: number;
  modelCalls: number;
  replied: number;
  dialogueMsP50: number;
  dialogueMsMean: number;
  turnMsP50: number;
  turnMsP99: number;
  prefix: ModelStats['prefix'];
}>;

/**
 * Replays the SGD banking dialogues call by call, the state of each answer
 * sent back with the next turn, against the plain tool loop and against
 * direct replies: model calls per turn and time per dialogue.
 */
export async function runReplay(
  plan: BenchPlan,
  model: ModelServer,
  log: (line: string) => void,
): Promise<ReplayResult[]> {
  const dialogues = sgdDialogues()
    .slice(0, plan.replay.dialogues)
    .map((dialogue, index) => ({
      id: dialogue.dialogue_id,
      turns: replayTurns(dialogue, index),
    }));
  const actions: Record<string, ReplayAction> = {};
  for (const turn of dialogues.flatMap((d) => d.turns)) {
    actions[turn.timestamp] = turn.action;
  }
  await model.set({
    latencyMs: plan.replay.modelMs,
    hang: false,
    replay: actions,
  });

  const results: ReplayResult[] = [];
  for (const name of ['ours-plain', 'ours-direct'] as const) {
    const target = await startTarget(name, model, 8000);
    await model.reset();

    const timings = await inBatches(dialogues, plan.replay.parallel, (d) =>
      replayDialogue(target, d.id, d.turns),
    );
    const stats = await model.stats(target.name);
    await target.stop();

    const turnMs = timings.flatMap((t) => t.turnMs).sort((a, b) => a - b);
    const dialogueMs = timings.map((t) => t.totalMs).sort((a, b) => a - b);
    const result: ReplayResult = {
      target: name,
      dialogues: dialogues.length,
      turns: turnMs.length,
      balanceTurns: dialogues
        .flatMap((d) => d.turns)
        .filter((t) => t.action.tool?.name === 'get_balance').length,
      modelCalls: stats.requests,
      replied: timings.reduce((sum, t) => sum + t.replied, 0),
      dialogueMsP50: percentile(dialogueMs, 0.5),
      dialogueMsMean: Math.round(
        dialogueMs.reduce((a, b) => a + b, 0) / dialogueMs.length,
      ),
      turnMsP50: percentile(turnMs, 0.5),
      turnMsP99: percentile(turnMs, 0.99),
      prefix: stats.prefix,
    };
    results.push(result);
    log(
      `replay ${name}: ${result.turns} turns, ${result.modelCalls} model calls ` +
        `(${(result.modelCalls / result.turns).toFixed(2)} a turn), dialogue ` +
        `p50 ${result.dialogueMsP50} ms, turn p50 ${result.turnMsP50} ms`,
    );
  }

  await model.set({ replay: {}, latencyMs: 0 });
  return results;
}

type DialogueTiming = { totalMs: number; turnMs: number[]; replied: number };

async function replayDialogue(
  target: Target,
  callId: string,
  turns: readonly ReplayTurn[],
): Promise<DialogueTiming> {
  let state: object = VERIFIED_STATE;
  const context: Array<{ role: string; content: string }> = [];
  const timing: DialogueTiming = { totalMs: 0, turnMs: [], replied: 0 };

  for (const turn of turns) {
    const started = performance.now();
    const response = await fetch(`${target.url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        call_id: callId,
        assistant_id: 'banking',
        utterance: turn.utterance,
        state,
        context,
        timestamp: turn.timestamp,
      }),
    });
    const answer = (await response.json()) as { reply?: string; state: object };
    const ms = performance.now() - started;

    timing.turnMs.push(ms);
    timing.totalMs += ms;
    if (answer.reply) timing.replied += 1;
    state = answer.state;
    context.push(
      { role: 'user', content: turn.utterance },
      { role: 'assistant', content: answer.reply ?? turn.spoken },
    );
  }

  return timing;
}

async function inBatches<T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

function percentile(sorted: readonly number[], q: number): number {
  const value =
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return Math.round(value ?? 0);
}
