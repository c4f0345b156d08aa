import type { Assistant } from '../assistants/assistant.js';
import type { IdempotencyKeys } from './idempotency-key.js';
import { runToolCall, type ToolCallResult } from './run-tool-call.js';
import type { StateLedger } from './state-ledger.js';
import type { TurnBudget } from './turn-budget.js';
import type {
  ChatMessage,
  ToolCall,
  ToolCallRecord,
  TurnInput,
} from './turn-types.js';

export type ToolCallsRun = Readonly<{
  assistant: Assistant;
  input: TurnInput;
  ledger: StateLedger;
  budget: TurnBudget;
  keys: IdempotencyKeys;
  /** Position of the step's first call among all the turn's calls. */
  firstOrder: number;
  onResult: (
    call: ToolCall,
    record: ToolCallRecord,
    result: ToolCallResult,
  ) => void;
}>;

/**
 * Runs one step's tool calls. Reads next to each other run in parallel; a
 * tool that changes something runs alone, after every call before it, so it
 * sees their effects and effects happen in the order the model asked.
 */
export async function runToolCalls(
  calls: readonly ToolCall[],
  run: ToolCallsRun,
): Promise<ChatMessage[]> {
  const contents: string[] = [];

  for (const batch of batchCalls(calls, run.assistant)) {
    const state = run.ledger.current();
    await Promise.all(
      batch.map(async ({ call, index }) => {
        contents[index] = await runRecorded(call, index, state, run);
      }),
    );
  }

  return calls.map((call, index) => ({
    role: 'tool' as const,
    toolCallId: call.id,
    content: contents[index] ?? '',
  }));
}

async function runRecorded(
  call: ToolCall,
  index: number,
  state: ReturnType<StateLedger['current']>,
  run: ToolCallsRun,
): Promise<string> {
  const started = performance.now();
  const result = await runToolCall(call, { ...run, state });
  const durationMs = Math.round(performance.now() - started);

  // Recorded the moment it completes, so a fallback that comes later still
  // carries this call's effect.
  if (result.patch) run.ledger.record(run.firstOrder + index, result.patch);
  run.onResult(
    call,
    { name: call.name, outcome: result.outcome, durationMs },
    result,
  );

  return result.content;
}

type IndexedCall = Readonly<{ call: ToolCall; index: number }>;

function batchCalls(
  calls: readonly ToolCall[],
  assistant: Assistant,
): IndexedCall[][] {
  const batches: IndexedCall[][] = [];

  calls.forEach((call, index) => {
    const reads = isRead(call, assistant);
    const open = batches.at(-1);
    const openReads = open?.every(({ call: c }) => isRead(c, assistant));

    if (reads && open && openReads) open.push({ call, index });
    else batches.push([{ call, index }]);
  });

  return batches;
}

function isRead(call: ToolCall, assistant: Assistant): boolean {
  return assistant.tools.get(call.name)?.effect !== 'write';
}
