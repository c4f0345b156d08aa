import type { WireToolCall } from '../../src/testing/openai-wire.js';
import type {
  ModelRequestBody,
  ScriptEntry,
} from '../../src/testing/scripted-model.js';
import type { SgdCustomer } from './sgd-bank-seed.js';
import type { AccountType, SgdTransfer } from './sgd-dialogue.js';
import type { SystemAction } from './sgd-system-action.js';
import { resultText, toolResults, type ToolResult } from './tool-results.js';

/** The keys the banking prompt lets the model write; null leaves one as it is. */
type ModelState = Readonly<{
  topic: 'balance' | 'transfer' | 'identity' | 'other' | null;
  account_type: AccountType | null;
}>;

type Answer = Readonly<{ reply: string | null; state: ModelState }>;

export type FollowOptions = Readonly<{
  /** Set on the dialogue's first user line: the caller to verify first. */
  verifyAs?: SgdCustomer;
}>;

/**
 * The scripted model's steps for one user line: verify the caller on the
 * first line, call the tool that does what the dataset's system did next,
 * then answer from what that tool returned, read from the request itself.
 */
export function followSystem(
  action: SystemAction,
  options: FollowOptions,
): ScriptEntry[] {
  const verify = options.verifyAs
    ? [{ toolCalls: [verifyCall(options.verifyAs)] }]
    : [];
  const call = toolCallFor(action);
  const act = call ? [{ toolCalls: [call] }] : [];

  // Like a real model, the answer can only use what the request carries.
  const answer = (request: ModelRequestBody) => ({
    output: answerFor(action, toolResults(request)),
  });

  // get_balance answers the caller itself and ends the turn: the model is
  // not asked again, so there is no answer step to script.
  if (action.kind === 'check_balance') return [...verify, ...act];

  return [...verify, ...act, answer];
}

function verifyCall(customer: SgdCustomer): WireToolCall {
  const { account_number, pin } = customer;
  return { name: 'verify_identity', arguments: { account_number, pin } };
}

function toolCallFor(action: SystemAction): WireToolCall | undefined {
  if (action.kind === 'check_balance') {
    return {
      name: 'get_balance',
      arguments: { account_type: action.accountType },
    };
  }
  if (action.kind === 'read_back') {
    return {
      name: 'prepare_transfer',
      arguments: prepareArguments(action.transfer),
    };
  }
  if (action.kind === 'transfer')
    return { name: 'confirm_transfer', arguments: {} };

  return undefined;
}

function prepareArguments(transfer: SgdTransfer) {
  return {
    from_account_type: transfer.fromAccountType,
    amount: Number(transfer.amount),
    recipient_name: transfer.recipientName,
    recipient_account_type: transfer.recipientAccountType,
  };
}

// Replies carry only what the tools said: when a tool refused, the reply is
// its raw answer, and the test's checks of the results name the problem.
function answerFor(
  action: SystemAction,
  results: readonly ToolResult[],
): Answer {
  const said = (tool: string, field: string) =>
    resultText(results, tool, field) ??
    results.at(-1)?.content ??
    'no tool result';

  switch (action.kind) {
    case 'check_balance':
      throw new Error('a balance turn has no answer step: the tool replies');
    case 'read_back': {
      const state = {
        topic: 'transfer',
        account_type: action.transfer.fromAccountType,
      } as const;
      return { reply: said('prepare_transfer', 'read_back'), state };
    }
    case 'transfer': {
      const state = {
        topic: 'transfer',
        account_type: action.transfer.fromAccountType,
      } as const;
      return { reply: said('confirm_transfer', 'message'), state };
    }
    // The prompt leaves goodbyes to the platform's own agent.
    case 'goodbye':
      return { reply: null, state: { topic: null, account_type: null } };
    case 'say':
      return {
        reply: action.utterance,
        state: { topic: null, account_type: null },
      };
  }
}
