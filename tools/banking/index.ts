import { defineToolkit } from '../../src/assistants/tool.js';
import { openBank } from './bank-store.js';
import { confirmTransfer } from './confirm-transfer.js';
import { getBalance } from './get-balance.js';
import { prepareTransfer } from './prepare-transfer.js';
import { verifyIdentity } from './verify-identity.js';

/** The example bank's tools, over the SQLite bank named in the config. */
export default defineToolkit({
  name: 'banking',
  open: ({ config }) =>
    openBank({ file: config.bank.db, seedFile: config.bank.seed }),
  tools: (bank) => [
    verifyIdentity(bank),
    getBalance(bank),
    prepareTransfer(bank),
    confirmTransfer(bank),
  ],
  ready: (bank) => (bank.isOpen() ? undefined : 'the bank database is closed'),
  close: (bank) => bank.close(),
});
