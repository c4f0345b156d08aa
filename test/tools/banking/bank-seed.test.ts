import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BankSeedError,
  parseBankSeed,
  readBankSeed,
} from '../../../tools/banking/bank-seed.js';
import { SEED } from './bank-fixture.js';

function seedError(run: () => unknown): BankSeedError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof BankSeedError) return error;
    throw error;
  }
  throw new Error('expected a BankSeedError, got none');
}

function withCustomer(changes: Record<string, unknown>) {
  const [first] = SEED.customers;
  return { customers: [{ ...first, ...changes }] };
}

describe('parseBankSeed', () => {
  it('turns every balance into whole cents', () => {
    const seed = parseBankSeed(SEED, 'test');

    expect(seed.customers[0]?.accounts).toEqual({
      checking: 511877,
      savings: 120000,
    });
  });

  it('names the source and the field of a bad amount', () => {
    const bad = withCustomer({ accounts: { checking: '5.123' } });

    const error = seedError(() => parseBankSeed(bad, 'seed.json'));

    expect(error.code).toBe('invalid_bank_seed');
    expect(error.message).toContain('seed.json');
    expect(error.message).toContain('customers[0].accounts.checking');
  });

  it('refuses a negative opening balance', () => {
    const bad = withCustomer({ accounts: { checking: '-1.00' } });

    expect(() => parseBankSeed(bad, 'test')).toThrow(BankSeedError);
  });

  it('refuses an account type the bank does not have', () => {
    const bad = withCustomer({ accounts: { credit: '1.00' } });

    const error = seedError(() => parseBankSeed(bad, 'test'));

    expect(error.message).toContain('credit');
  });

  it('refuses a customer without accounts', () => {
    const bad = withCustomer({ accounts: {} });

    expect(() => parseBankSeed(bad, 'test')).toThrow(BankSeedError);
  });

  it('refuses a pin that is not digits', () => {
    const error = seedError(() =>
      parseBankSeed(withCustomer({ pin: 'abcd' }), 'test'),
    );

    expect(error.message).toContain('customers[0].pin');
  });

  it('refuses two customers with the same account number', () => {
    const [first, second] = SEED.customers;
    const bad = {
      customers: [first, { ...second, account_number: first?.account_number }],
    };

    const error = seedError(() => parseBankSeed(bad, 'test'));

    expect(error.message).toContain('customers[1].account_number');
  });

  it('refuses a seed with no customers', () => {
    expect(() => parseBankSeed({ customers: [] }, 'test')).toThrow(
      BankSeedError,
    );
  });
});

describe('readBankSeed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bank-seed-'));

  it('reads the demo seed shipped with the example', () => {
    const seed = readBankSeed('tools/banking/demo-seed.json');

    expect(seed.customers.length).toBeGreaterThan(1);
  });

  it('names a file that cannot be read', () => {
    const file = join(dir, 'missing.json');

    const error = seedError(() => readBankSeed(file));

    expect(error.message).toContain(file);
  });

  it('names a file that is not json', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ customers: ');

    const error = seedError(() => readBankSeed(file));

    expect(error.message).toContain(`${file} is not JSON`);
  });
});
