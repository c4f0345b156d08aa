import type { Database } from 'better-sqlite3';
import type { BankSeed } from './bank-seed.js';

// Money is whole cents; the CHECKs make the database itself refuse an
// overdraft or a transfer of nothing, whatever the code above it does.
const TABLES = `
  CREATE TABLE IF NOT EXISTS customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    account_number TEXT NOT NULL UNIQUE,
    pin TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS accounts (
    customer_id TEXT NOT NULL REFERENCES customers (id),
    type TEXT NOT NULL CHECK (type IN ('checking', 'savings')),
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),
    PRIMARY KEY (customer_id, type)
  );
  CREATE TABLE IF NOT EXISTS transfers (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    from_type TEXT NOT NULL CHECK (from_type IN ('checking', 'savings')),
    recipient_name TEXT NOT NULL,
    recipient_account_type TEXT NOT NULL
      CHECK (recipient_account_type IN ('checking', 'savings')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    created_at TEXT NOT NULL
      DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
`;

/** Creates the bank's tables when they are missing; keeps existing data. */
export function createTables(db: Database): void {
  db.exec(TABLES);
}

/** Whether the bank has no customers yet and so still needs its seed. */
export function isEmpty(db: Database): boolean {
  const row = db.prepare('SELECT 1 FROM customers LIMIT 1').get();
  return row === undefined;
}

/** Inserts every seeded customer and account in one transaction. */
export function insertSeed(db: Database, seed: BankSeed): void {
  const addCustomer = db.prepare(
    'INSERT INTO customers (id, name, account_number, pin) VALUES (?, ?, ?, ?)',
  );
  const addAccount = db.prepare(
    'INSERT INTO accounts (customer_id, type, balance_cents) VALUES (?, ?, ?)',
  );

  db.transaction(() => {
    for (const customer of seed.customers) {
      const { id, name, account_number: number, pin, accounts } = customer;
      addCustomer.run(id, name, number, pin);

      for (const [type, cents] of Object.entries(accounts)) {
        if (cents !== undefined) addAccount.run(id, type, cents);
      }
    }
  })();
}
