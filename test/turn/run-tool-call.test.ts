import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import { IdempotencyKeys } from '../../src/turn/idempotency-key.js';
import { runToolCall } from '../../src/turn/run-tool-call.js';
import { TurnBudget } from '../../src/turn/turn-budget.js';
import type { TurnInput } from '../../src/turn/turn-types.js';
import { testAssistant } from '../support/test-assistant.js';

const input: TurnInput = {
  callId: 'call_1',
  assistantId: 'asst_1',
  utterance: 'Hi',
  state: {},
  context: [],
  timestamp: '2026-01-15T10:30:00Z',
};

// Rejects as soon as it runs with an aborted signal, as a careful tool does.
const careful = defineTool({
  name: 'careful',
  description: 'Gives up when told to.',
  parameters: z.object({}),
  effect: 'read',
  async run(_args, { signal }) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (signal.aborted) throw new Error('stopped as asked');
    return { result: 'done' };
  },
});

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unhandled.length = 0;
});

describe('runToolCall', () => {
  it('stops a tool of a turn that is already over, leaving nothing unhandled', async () => {
    process.on('unhandledRejection', onUnhandled);
    const budget = new TurnBudget(1000);
    budget.release(new Error('the turn is over'));

    const result = await runToolCall(
      { id: 'call_a', name: 'careful', arguments: '{}' },
      {
        assistant: testAssistant({ tools: [careful] }),
        input,
        state: {},
        budget,
        keys: new IdempotencyKeys(input),
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(result.outcome).toBe('aborted');
    expect(unhandled).toEqual([]);
  });
});
