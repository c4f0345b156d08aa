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
  it('opens the bank named in the config, seeded from the demo seed', async () => {
    const { file, bank: opening } = openToolkit();
    const bank = await opening;

    expect(existsSync(file)).toBe(true);
    expect(bank.verify('12345678', '4321').ok).toBe(true);
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

    expect(() => bank.balance('cust_amira', 'checking')).toThrow();
  });
});
