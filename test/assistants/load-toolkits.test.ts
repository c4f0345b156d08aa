import { describe, expect, it } from 'vitest';
import { loadToolkits } from '../../src/assistants/load-toolkits.js';
import { loadConfig } from '../../src/config/config.js';

describe('loadToolkits readiness', () => {
  it('reports no problem while the bank is open', async () => {
    const loaded = await loadToolkits(loadConfig({ BANK_DB: ':memory:' }));

    expect(loaded.problems()).toBeUndefined();
    await loaded.close();
  });

  it('names the toolkit whose backend was closed', async () => {
    const loaded = await loadToolkits(loadConfig({ BANK_DB: ':memory:' }));

    await loaded.close();

    expect(loaded.problems()).toBe('banking: the bank database is closed');
  });
});
