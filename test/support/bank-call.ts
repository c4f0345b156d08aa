import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  ModelRequestBody,
  ScriptedModel,
} from '../../src/testing/scripted-model.js';

/** Amira, verified: what verify_identity leaves in state. */
export const AMIRA = { authenticated: true, userId: 'cust_amira' } as const;

/** Amira's checking balance in the demo seed, in cents. */
export const AMIRA_CHECKING_CENTS = 511877;

export const SEND_100 = {
  from_account_type: 'checking',
  amount: 100,
  recipient_name: 'Jonas',
  recipient_account_type: 'checking',
};

/** A bank file of its own, for webhooks that share it like replicas. */
export function tempBankFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'bank-')), 'bank.db');
}

/** What the bank file holds: transfers made and Amira's checking balance. */
export function bankFacts(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const transfers = db
      .prepare('SELECT id, amount_cents FROM transfers')
      .all() as Array<{ id: string; amount_cents: number }>;
    const { balance_cents } = db
      .prepare(
        "SELECT balance_cents FROM accounts WHERE customer_id = 'cust_amira' " +
          "AND type = 'checking'",
      )
      .get() as { balance_cents: number };
    return { transfers, checkingCents: balance_cents };
  } finally {
    db.close();
  }
}

/** The tool result the model saw last, parsed; a refusal has `error`. */
export function lastToolResult(request: ModelRequestBody) {
  const message = JSON.parse(String(request.messages.at(-1)?.content)) as {
    result?: Record<string, unknown> & { error?: string };
  };
  return message.result ?? {};
}

/** The model prepares $100 to Jonas, `delayMs` after being asked. */
export function scriptPrepare(model: ScriptedModel, delayMs = 0) {
  model.script(
    { toolCalls: [{ name: 'prepare_transfer', arguments: SEND_100 }], delayMs },
    { output: { reply: 'Please confirm: $100 to Jonas.', state: {} } },
  );
}

/** The model confirms, then says what the bank answered. */
export function scriptConfirm(model: ScriptedModel) {
  model.script(
    { toolCalls: [{ name: 'confirm_transfer', arguments: {} }] },
    (request) => {
      const refusal = lastToolResult(request).error;
      const reply = refusal ? `Not sent: ${refusal}.` : 'Done.';
      return { output: { reply, state: {} } };
    },
  );
}
