import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (path: string) =>
  fileURLToPath(new URL(`../../test/fixtures/${path}`, import.meta.url));

/** The banking77 test utterances, in file order. */
export function banking77Utterances(): string[] {
  const lines = readFileSync(fixture('banking77/test.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
  return lines.map(firstCsvField);
}

// The text column may be quoted, with "" for a quote inside it.
function firstCsvField(line: string): string {
  if (!line.startsWith('"')) return line.slice(0, line.lastIndexOf(','));

  let text = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] !== '"') text += line[i];
    else if (line[i + 1] === '"') text += line[++i];
    else break;
  }
  return text;
}

/** A verified caller of the demo bank, so the balance lookup can run. */
export const VERIFIED_STATE = { authenticated: true, userId: 'cust_amira' };

const RUN = Date.now().toString(36);
let sentTurns = 0;

/**
 * Webhook bodies for the load runs, the `n`th request's: the banking77
 * utterances in turn, each request a call of its own. A body sent twice
 * would be a duplicate delivery, answered from memory without the model,
 * and turns of one call would wait for each other.
 */
export function turnBodies(): (n: number) => string {
  const utterances = banking77Utterances();

  return (n) =>
    JSON.stringify({
      // Counted across every load run of the process, not per run: each run
      // starts its `n` at 0 again.
      call_id: `bench-${RUN}-${++sentTurns}`,
      assistant_id: 'banking',
      utterance: utterances[n % utterances.length],
      state: VERIFIED_STATE,
      context: [{ role: 'assistant', content: 'Hi, how can I help?' }],
      timestamp: '2026-01-15T10:30:00Z',
    });
}

export type SgdTurn = Readonly<{
  speaker: 'user' | 'system';
  utterance: string;
  acts: readonly string[];
  service_call?: Readonly<{
    method: string;
    parameters: Readonly<Record<string, string>>;
  }>;
}>;

export type SgdDialogue = Readonly<{
  dialogue_id: string;
  turns: readonly SgdTurn[];
}>;

/** The SGD banking dialogues, one per line of the fixture. */
export function sgdDialogues(): SgdDialogue[] {
  return readFileSync(fixture('sgd-banking/train.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SgdDialogue);
}
