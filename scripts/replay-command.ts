import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { recordingToConversation } from '../src/testing/recording-to-conversation.js';
import {
  readRecording,
  recordingFiles,
  replayRecording,
} from '../src/testing/replay-recording.js';
import { ScriptedModel } from '../src/testing/scripted-model.js';
import { startProjectWebhook } from '../src/testing/project-webhook.js';

export const USAGE = `usage: npm run replay -- <file or folder>... [--seed FILE]
       npm run replay -- <file> --to-conversation OUT.yaml

Replays recorded turns (RECORD_DIR) against the current code: the model
answers from the recording, the tools run for real on a fresh in-memory bank
seeded from --seed (default: the demo seed). Shows what changed: reply, tool
calls, state. Exits 1 when any turn changed.

  --seed FILE              bank seed for the replay
  --to-conversation FILE   write the recorded turn as a conversation file`;

/** The replay command; returns the exit code. */
export async function runReplay(
  argv: string[],
  output: Writable,
): Promise<number> {
  const print = (...lines: string[]) =>
    output.write(lines.map((line) => `${line}\n`).join(''));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      'to-conversation': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    print(USAGE);
    return values.help ? 0 : 2;
  }

  const files = (await Promise.all(positionals.map(recordingFiles))).flat();
  const target = values['to-conversation'];
  if (target) return convert(files, target, print);

  return replayAll(files, values.seed, print);
}

async function convert(
  files: string[],
  target: string,
  print: (...lines: string[]) => void,
): Promise<number> {
  if (files.length !== 1) {
    print(`--to-conversation takes one recording, got ${files.length}`);
    return 2;
  }

  const recording = await readRecording(files[0]!);
  await writeFile(target, recordingToConversation(recording));
  print(`wrote ${target}: edit its expect: to what the turn should do`);
  return 0;
}

async function replayAll(
  files: string[],
  seed: string | undefined,
  print: (...lines: string[]) => void,
): Promise<number> {
  // Listening first: the SDK keeps the fetch it finds when it is created.
  const model = new ScriptedModel().listen();
  const webhook = await startProjectWebhook({
    env: seed ? { BANK_SEED: seed } : {},
  });
  let changed = 0;

  try {
    for (const file of files) {
      const recording = await readRecording(file);
      const { differences } = await replayRecording(recording, webhook, model);
      if (differences.length > 0) changed += 1;

      print(`${file}: ${differences.length === 0 ? 'same' : 'CHANGED'}`);
      print(...differences.map((line) => `  ${line}`));
      if (recording.content === 'masked' && differences.length > 0) {
        print('  (recorded without content: placeholders stand in for the');
        print('  arguments and outputs, so the tools saw different data)');
      }
    }
  } finally {
    await webhook.close();
    model.close();
  }

  print(
    `${files.length} turn(s) replayed: ${files.length - changed} same, ${changed} changed`,
  );
  return changed > 0 ? 1 : 0;
}
