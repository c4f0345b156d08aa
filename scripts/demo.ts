import { parseArgs } from 'node:util';
import { DEFAULT_DIALOGUE, playDemo } from './demo-dialogue.js';

const USAGE = `usage: npm run demo -- [--dialogue ID]

  --dialogue ID    the dataset dialogue to play (default: ${DEFAULT_DIALOGUE})`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dialogue: { type: 'string', default: DEFAULT_DIALOGUE },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);

  await playDemo(process.stdout, values.dialogue);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exitCode = 1;
});
