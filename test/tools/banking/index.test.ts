import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toStrictJsonSchema } from '../../../src/assistants/strict-json-schema.js';
import { loadConfig } from '../../../src/config/config.js';
import banking from '../../../tools/banking/index.js';

function openToolkit() {
  const dir = mkdtempSync(join(tmpdir(), 'banking-toolkit-'));
  const file = join(dir, 'data', 'bank.db');
  const config = loadConfig({
    BANK_DB: file,
    BANK_SEED: 'tools/banking/demo-seed.json',
  });
  return { file, bank: banking.open({ config }) };
}

describe('banking toolkit', () => {
  it('reads the transfer caps from the config', async () => {
    const config = loadConfig({
      BANK_DB: ':memory:',
      BANK_TRANSFER_CAP: '500',
      BANK_TRANSFER_CAPS: 'asst_vip=20000.00',
    });

    const { rules, bank } = await banking.open({ config });

    expect(rules.capCents('asst_other')).toBe(50_000);
    expect(rules.capCents('asst_vip')).toBe(2_000_000);
    bank.close();
  });

  it('opens the bank named in the config, seeded from the demo seed', async () => {
    const { file, bank: opening } = openToolkit();
    const bank = await opening;

    expect(existsSync(file)).toBe(true);
    expect(bank.bank.verify('12345678', '4321').ok).toBe(true);
    await banking.close?.(bank);
  });

  it('offers the four banking tools by their scripted names', async () => {
    const bank = await openToolkit().bank;

    const names = banking.tools(bank).map((tool) => tool.name);

    expect(names).toEqual([
      'verify_identity',
      'get_balance',
      'prepare_transfer',
      'confirm_transfer',
    ]);
    await banking.close?.(bank);
  });

  it('has parameters the engine accepts as strict json schema', async () => {
    const bank = await openToolkit().bank;

    for (const tool of banking.tools(bank)) {
      const schema = toStrictJsonSchema(tool.parameters, tool.name);
      expect(schema).toMatchObject({
        type: 'object',
        additionalProperties: false,
      });
    }
    await banking.close?.(bank);
  });

  it('closes the bank', async () => {
    const bank = await openToolkit().bank;

    await banking.close?.(bank);

    expect(() => bank.bank.balance('cust_amira', 'checking')).toThrow();
  });
});
