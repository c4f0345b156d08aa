import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../scripts/replay-command.js';
import { parseConversation } from '../../src/testing/conversation-file.js';
import { Conversation } from '../../src/testing/conversation.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { startRecordingWebhook } from '../support/recording-webhook.js';

let dir: string;
let files: string[];

// Two recorded turns of one call, written the way RECORD_DIR writes them.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-'));
  const model = new ScriptedModel().listen();
  const webhook = await startRecordingWebhook({ content: true, dir });
  try {
    // get_balance speaks the balance itself: the first turn needs one model
    // call, the goodbye another.
    model.script(
      {
        toolCalls: [
          { name: 'get_balance', arguments: { account_type: 'savings' } },
        ],
      },
      { output: { reply: null, state: {} } },
    );
    const call = new Conversation(webhook, {
      state: { authenticated: true, userId: 'cust_amira' },
    });
    await call.say("What's in savings?");
    await call.say('Thanks, bye.');
    await webhook.files();
  } finally {
    await webhook.close();
    model.close();
  }
  files = (await readdir(dir)).sort().map((name) => join(dir, name));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function replay(...argv: string[]) {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => (printed += String(chunk)));
  const code = await runReplay(argv, output);
  return { code, printed };
}

describe('npm run replay', () => {
  it('replays every recording of a folder and says each is the same', async () => {
    const { code, printed } = await replay(dir);

    expect(files).toHaveLength(2);
    expect(printed).toContain(`${files[0]}: same\n`);
    expect(printed).toContain(`${files[1]}: same\n`);
    expect(printed).toContain('2 turn(s) replayed: 2 same, 0 changed');
    expect(code).toBe(0);
  });

  it('shows what changed and exits 1', async () => {
    const changed = join(dir, 'changed.json.tmp');
    const recording = JSON.parse(await readFile(files[0]!, 'utf8'));
    recording.answer.reply = 'You have $7.';
    await writeFile(changed, JSON.stringify(recording));

    const { code, printed } = await replay(changed);

    expect(printed).toContain(
      `${changed}: CHANGED\n  reply: expected "You have $7.", got "Your savings balance is $1,200."\n`,
    );
    expect(code).toBe(1);
  });

  it('writes a recorded turn as a conversation file', async () => {
    const out = join(dir, 'recorded.yaml.out');

    const { code } = await replay(files[0]!, '--to-conversation', out);

    const script = parseConversation(await readFile(out, 'utf8'), out);
    expect(code).toBe(0);
    expect(script.turns[0]).toMatchObject({
      say: "What's in savings?",
      expect: { reply: 'Your savings balance is $1,200.' },
    });
  });

  it('names a file that is not a recording', async () => {
    const bad = join(dir, 'bad.txt');
    await writeFile(bad, '{"version": 2}');

    await expect(replay(bad)).rejects.toThrow(/^.*bad\.txt: .*version/s);
  });

  it('prints the usage without a file', async () => {
    const { code, printed } = await replay();

    expect(printed).toMatch(/^usage: npm run replay/);
    expect(code).toBe(2);
  });
});
