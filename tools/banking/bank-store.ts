import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { parseBankSeed, readBankSeed } from './bank-seed.js';
import type { BankSeed, BankSeedInput } from './bank-seed.js';
import { createTables, insertSeed, isEmpty } from './bank-tables.js';
import type {
  AccountType,
  Bank,
  TransferOrder,
  TransferResult,
} from './bank.js';

export type * from './bank.js';
export { ACCOUNT_TYPES } from './bank.js';

/** Where the bank lives, and the seed it starts from when it is empty. */
export type BankOptions = Readonly<
  { file: string } & ({ seedFile: string } | { seed: BankSeedInput })
>;

type CustomerRow = { id: string; name: string; pin: string };
type BalanceRow = { balance_cents: number };

/**
 * Opens (or creates) the bank in `file`, which may be `':memory:'`, and seeds
 * it when it has no customers yet.
 */
export function openBank(options: BankOptions): Bank {
  const { file } = options;
  if (file !== ':memory:' && file !== '') {
    mkdirSync(dirname(file), { recursive: true });
  }

  const db = new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    createTables(db);
    if (isEmpty(db)) insertSeed(db, seedOf(options));
  } catch (error: unknown) {
    db.close();
    throw error;
  }

  return bankOver(db);
}

function seedOf(options: BankOptions): BankSeed {
  if ('seedFile' in options) return readBankSeed(options.seedFile);

  return parseBankSeed(options.seed, '(seed object)');
}

function bankOver(db: Database.Database): Bank {
  const customerByNumber = db.prepare<[string], CustomerRow>(
    'SELECT id, name, pin FROM customers WHERE account_number = ?',
  );
  const balanceOf = db.prepare<[string, AccountType], BalanceRow>(
    'SELECT balance_cents FROM accounts WHERE customer_id = ? AND type = ?',
  );
  const record = db.prepare<TransferOrder>(
    `INSERT INTO transfers (id, customer_id, from_type, recipient_name,
       recipient_account_type, amount_cents)
     VALUES (@id, @customerId, @fromType, @recipientName,
       @recipientAccountType, @amountCents)`,
  );
  const debit = db.prepare<TransferOrder, BalanceRow>(
    `UPDATE accounts SET balance_cents = balance_cents - @amountCents
     WHERE customer_id = @customerId AND type = @fromType
     RETURNING balance_cents`,
  );

  // The row goes in before the debit so that a repeated id fails on the
  // primary key first, and the CHECK on balances refuses an overdraft; either
  // failure rolls the whole transaction back.
  const execute = db.transaction((order: TransferOrder) => {
    if (!balanceOf.get(order.customerId, order.fromType)) return undefined;

    record.run(order);
    return debit.get(order)?.balance_cents;
  });

  return {
    verify(accountNumber, pin) {
      const row = customerByNumber.get(accountNumber);
      if (!row) return { ok: false, reason: 'unknown_account' };
      if (!samePin(row.pin, pin)) return { ok: false, reason: 'wrong_pin' };

      return { ok: true, customer: { id: row.id, name: row.name } };
    },

    balance(customerId, type) {
      return balanceOf.get(customerId, type)?.balance_cents;
    },

    transfer(order) {
      if (!Number.isSafeInteger(order.amountCents) || order.amountCents <= 0) {
        throw new RangeError(
          `expected amountCents to be a whole number above 0, ` +
            `got ${order.amountCents}`,
        );
      }

      return refusedOrDone(() => execute(order));
    },

    isOpen: () => db.open,

    close() {
      if (db.open) db.close();
    },
  };
}

function refusedOrDone(run: () => number | undefined): TransferResult {
  try {
    const balanceCents = run();
    if (balanceCents === undefined) return { ok: false, reason: 'no_account' };

    return { ok: true, balanceCents };
  } catch (error: unknown) {
    if (!(error instanceof Database.SqliteError)) throw error;
    if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return { ok: false, reason: 'already_executed' };
    }
    if (isOverdraft(error)) return { ok: false, reason: 'insufficient_funds' };
    throw error;
  }
}

// Only the balance CHECK means an overdraft; any other CHECK is a bug above.
function isOverdraft(error: InstanceType<typeof Database.SqliteError>) {
  return (
    error.code === 'SQLITE_CONSTRAINT_CHECK' &&
    error.message.includes('balance_cents')
  );
}

// Hashing first gives equal lengths, which the constant-time compare needs.
function samePin(stored: string, given: string): boolean {
  const digest = (pin: string) => createHash('sha256').update(pin).digest();
  return timingSafeEqual(digest(stored), digest(given));
}
