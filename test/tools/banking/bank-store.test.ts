import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BankSeedError } from '../../../tools/banking/bank-seed.js';
import { openBank } from '../../../tools/banking/bank-store.js';
import type { Bank, TransferOrder } from '../../../tools/banking/bank-store.js';
import { SEED, openTestBank } from './bank-fixture.js';

const ORDER: TransferOrder = {
  id: 'tr_1',
  customerId: 'cust_amira',
  fromType: 'checking',
  amountCents: 163000,
  recipientName: 'Amir',
  recipientAccountType: 'checking',
};

const opened: Bank[] = [];

function track(bank: Bank): Bank {
  opened.push(bank);
  return bank;
}

function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'bank-store-')), name);
}

function transferRows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT id, amount_cents FROM transfers').all();
  db.close();
  return rows;
}

afterEach(() => {
  for (const bank of opened.splice(0)) bank.close();
});

describe('openBank', () => {
  it('seeds an empty bank with balances in cents', () => {
    const bank = track(openTestBank());

    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
    expect(bank.balance('cust_amira', 'savings')).toBe(120000);
  });

  it('creates the missing folder of a database file', () => {
    const file = join(tempFile('nested'), 'deeper', 'bank.db');

    track(openBank({ file, seed: SEED }));

    expect(existsSync(file)).toBe(true);
  });

  it('keeps existing data instead of seeding again', () => {
    const file = tempFile('bank.db');
    const first = openBank({ file, seed: SEED });
    first.transfer(ORDER);
    first.close();

    const again = track(openBank({ file, seedFile: 'does-not-exist.json' }));

    expect(again.balance('cust_amira', 'checking')).toBe(511877 - 163000);
  });

  it('seeds from the seed file when the bank is empty', () => {
    const file = tempFile('bank.db');

    const bank = track(
      openBank({ file, seedFile: 'tools/banking/demo-seed.json' }),
    );

    expect(bank.verify('12345678', '4321').ok).toBe(true);
  });

  it('refuses to start on a bad seed and names it', () => {
    const bad = { customers: [{ id: 'x' }] };

    expect(() => openBank({ file: ':memory:', seed: bad as never })).toThrow(
      BankSeedError,
    );
  });
});

describe('verify', () => {
  it('returns the customer for the right account number and pin', () => {
    const bank = track(openTestBank());

    expect(bank.verify('12345678', '4321')).toEqual({
      ok: true,
      customer: { id: 'cust_amira', name: 'Amira Haddad' },
    });
  });

  it('says the pin is wrong for a known account', () => {
    const bank = track(openTestBank());

    expect(bank.verify('12345678', '1111')).toEqual({
      ok: false,
      reason: 'wrong_pin',
    });
  });

  it('says the account is unknown', () => {
    const bank = track(openTestBank());

    expect(bank.verify('00000000', '4321')).toEqual({
      ok: false,
      reason: 'unknown_account',
    });
  });

  it("refuses another customer's pin", () => {
    const bank = track(openTestBank());

    expect(bank.verify('12345678', '2468').ok).toBe(false);
  });
});

describe('balance', () => {
  it('is undefined for an account the customer does not hold', () => {
    const bank = track(openTestBank());

    expect(bank.balance('cust_jonas', 'savings')).toBeUndefined();
    expect(bank.balance('cust_nobody', 'checking')).toBeUndefined();
  });
});

describe('transfer', () => {
  it('debits the account and returns the new balance', () => {
    const bank = track(openTestBank());

    const result = bank.transfer(ORDER);

    expect(result).toEqual({ ok: true, balanceCents: 511877 - 163000 });
    expect(bank.balance('cust_amira', 'checking')).toBe(511877 - 163000);
  });

  it('touches no other account', () => {
    const bank = track(openTestBank());

    bank.transfer(ORDER);

    expect(bank.balance('cust_amira', 'savings')).toBe(120000);
    expect(bank.balance('cust_jonas', 'checking')).toBe(24015);
  });

  it('can empty an account to exactly zero', () => {
    const bank = track(openTestBank());

    const result = bank.transfer({ ...ORDER, amountCents: 511877 });

    expect(result).toEqual({ ok: true, balanceCents: 0 });
  });

  it('refuses an overdraft and changes nothing', () => {
    const file = tempFile('bank.db');
    const bank = track(openBank({ file, seed: SEED }));

    const result = bank.transfer({ ...ORDER, amountCents: 511878 });

    expect(result).toEqual({ ok: false, reason: 'insufficient_funds' });
    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
    expect(transferRows(file)).toEqual([]);
  });

  it('moves money once when the same id is executed twice', () => {
    const file = tempFile('bank.db');
    const bank = track(openBank({ file, seed: SEED }));

    bank.transfer(ORDER);
    const again = bank.transfer(ORDER);

    expect(again).toEqual({ ok: false, reason: 'already_executed' });
    expect(bank.balance('cust_amira', 'checking')).toBe(511877 - 163000);
    expect(transferRows(file)).toEqual([{ id: 'tr_1', amount_cents: 163000 }]);
  });

  it('reports a repeated id even when the funds have since run out', () => {
    const bank = track(openTestBank());
    bank.transfer({ ...ORDER, amountCents: 500000 });

    const again = bank.transfer({ ...ORDER, amountCents: 500000 });

    expect(again).toEqual({ ok: false, reason: 'already_executed' });
  });

  it('refuses an account the customer does not hold', () => {
    const bank = track(openTestBank());

    const result = bank.transfer({
      ...ORDER,
      customerId: 'cust_jonas',
      fromType: 'savings',
    });

    expect(result).toEqual({ ok: false, reason: 'no_account' });
  });

  it('throws on an amount that is not a positive whole number of cents', () => {
    const bank = track(openTestBank());

    expect(() => bank.transfer({ ...ORDER, amountCents: 0 })).toThrow(
      RangeError,
    );
    expect(() => bank.transfer({ ...ORDER, amountCents: -100 })).toThrow(
      RangeError,
    );
    expect(() => bank.transfer({ ...ORDER, amountCents: 1.5 })).toThrow(
      RangeError,
    );
    expect(bank.balance('cust_amira', 'checking')).toBe(511877);
  });
});

describe('close', () => {
  it('can be called twice', () => {
    const bank = openTestBank();

    bank.close();

    expect(() => bank.close()).not.toThrow();
  });
});
