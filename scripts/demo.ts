// `npm run demo`: one banking dialogue through the webhook, no key needed.
import { parseArgs } from 'node:util';
import { DEFAULT_DIALOGUE, playDemo } from './demo-dialogue.js';

const { values } = parseArgs({
  options: { dialogue: { type: 'string', default: DEFAULT_DIALOGUE } },
});

playDemo(process.stdout, values.dialogue).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
