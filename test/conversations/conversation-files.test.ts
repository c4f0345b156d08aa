import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runConversationFile } from '../../src/testing/run-conversation-file.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';

// Every conversation file beside this test runs; a new file needs no code.
const DIR = 'test/conversations';
const files = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));

const model = new ScriptedModel();
beforeAll(() => model.listen());
afterAll(() => model.close());

describe('conversation files', () => {
  it.each(files)('%s goes as written', async (file) => {
    await runConversationFile(join(DIR, file), { model });
  });
});
