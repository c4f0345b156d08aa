import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  State,
  ToolContext,
  ToolDefinition,
} from '../../../src/assistants/tool.js';
import type { BankSeedInput } from '../../../tools/banking/bank-seed.js';
import { openBank } from '../../../tools/banking/bank-store.js';
import type { Bank } from '../../../tools/banking/bank-store.js';

/** Two customers; Jonas has no savings account. */
export const SEED: BankSeedInput = {
  customers: [
    {
      id: 'cust_amira',
      name: 'Amira Haddad',
      account_number: '12345678',
      pin: '4321',
      accounts: { checking: '5118.77', savings: '1200.00' },
    },
    {
      id: 'cust_jonas',
      name: 'Jonas Berg',
      account_number: '87654321',
      pin: '2468',
      accounts: { checking: '240.15' },
    },
  ],
};

export const AMIRA: State = { authenticated: true, userId: 'cust_amira' };

export function openTestBank(): Bank {
  return openBank({ file: ':memory:', seed: SEED });
}

export function contextFor(
  state: State,
  signal: AbortSignal = new AbortController().signal,
  idempotencyKey = `idem_${randomUUID()}`,
): ToolContext {
  return {
    state,
    signal,
    callId: 'call_test',
    turn: {
      callId: 'call_test',
      assistantId: 'asst_test',
      timestamp: '2025-01-01T00:00:00.000Z',
    },
    idempotencyKey,
  };
}

/** Parses the arguments with the tool's schema, then runs the tool. */
export function runTool<Args extends z.ZodObject>(
  tool: ToolDefinition<Args>,
  args: unknown,
  state: State,
  signal?: AbortSignal,
  idempotencyKey?: string,
) {
  return tool.run(
    tool.parameters.parse(args),
    contextFor(state, signal, idempotencyKey),
  );
}
