import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { playDemo } from '../../scripts/demo-dialogue.js';

async function demo(dialogueId?: string) {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => (printed += String(chunk)));
  await playDemo(output, dialogueId);
  return printed;
}

describe('npm run demo', () => {
  it('plays the dialogue turn by turn, balances and transfer from the real bank', async () => {
    const printed = await demo();

    expect(printed).toContain("caller: What's my balance?\n");
    // Balances are the tool's own sentence, spoken without a second model call.
    expect(printed).toContain('  reply: Your checking balance is $5,118.77.\n');
    expect(printed).toMatch(/tool confirm_transfer \{\} -> ok \{"done":true/);
    expect(printed).toContain('  reply: Your checking balance is $3,488.77.\n');
    expect(printed).toContain(
      "caller: Ok, bye.\n  (no reply: the platform's agent answers)",
    );
    expect(printed).not.toContain('fell back');
  });

  it('names a dialogue that is not in the dataset', async () => {
    await expect(demo('99_99999')).rejects.toThrow(
      'no dialogue 99_99999 in test/fixtures/sgd-banking/train.jsonl',
    );
  });
});
