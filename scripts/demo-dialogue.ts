import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { formatTurn } from '../src/chat/format-turn.js';
import { Conversation } from '../src/testing/conversation.js';
import { ScriptedModel } from '../src/testing/scripted-model.js';
import { startProjectWebhook } from '../src/testing/project-webhook.js';
import { followSystem } from '../test/dataset/follow-dialogue.js';
import { sgdBankSeed, sgdCustomer } from '../test/dataset/sgd-bank-seed.js';
import { readSgdDialogues, userLines } from '../test/dataset/sgd-dialogue.js';
import { systemActionAfter } from '../test/dataset/sgd-system-action.js';

export const DATASET = 'test/fixtures/sgd-banking/train.jsonl';

/** The dialogue shown by default: a balance, a confirmed transfer, a balance. */
export const DEFAULT_DIALOGUE = '32_00011';

/**
 * Plays one dataset dialogue through the real webhook, the model scripted to
 * do what the dataset's system did, and prints each turn. Needs no key.
 */
export async function playDemo(
  output: Writable,
  dialogueId = DEFAULT_DIALOGUE,
): Promise<void> {
  const dialogue = readSgdDialogues(DATASET).find((d) => d.id === dialogueId);
  if (!dialogue) throw new Error(`no dialogue ${dialogueId} in ${DATASET}`);
  const print = (...lines: string[]) =>
    output.write(lines.map((line) => `${line}\n`).join(''));

  const dir = await mkdtemp(join(tmpdir(), 'demo-bank-'));
  const seedFile = join(dir, 'seed.json');
  await writeFile(seedFile, JSON.stringify(sgdBankSeed([dialogue])));
  // Listening first: the SDK keeps the fetch it finds when it is created.
  const model = new ScriptedModel().listen();
  const webhook = await startProjectWebhook({ env: { BANK_SEED: seedFile } });

  try {
    const customer = sgdCustomer(dialogue);
    const conversation = new Conversation(webhook, {
      assistantId: 'asst_demo',
    });
    print(
      `Dialogue ${dialogue.id} of the SGD banking dataset, played through the`,
      'webhook with a scripted model (no key needed). The caller verifies',
      `as account ${customer.account_number}, PIN ${customer.pin}.`,
      '',
    );

    for (const line of userLines(dialogue)) {
      const action = systemActionAfter(dialogue, line);
      model.script(
        ...followSystem(action, {
          verifyAs: line === 0 ? customer : undefined,
        }),
      );
      const utterance = dialogue.turns[line]!.utterance;
      print(
        `caller: ${utterance}`,
        ...formatTurn(await conversation.say(utterance)),
      );
      print(
        `  (the dataset's agent said: ${dialogue.turns[line + 1]!.utterance})`,
        '',
      );
    }
    model.assertDone();
  } finally {
    await webhook.close();
    model.close();
    await rm(dir, { recursive: true, force: true });
  }
}
