// `npm run replay -- <file or folder>`: recorded turns against the current code.
import { runReplay, USAGE } from './replay-command.js';

runReplay(process.argv.slice(2), process.stdout).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exitCode = 2;
  },
);
