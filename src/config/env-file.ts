import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Reads `KEY=value` lines from a `.env` file into the environment, for local
 * runs. A variable that is already set wins: the file only fills gaps, so a
 * deployment's own environment is never overridden by a stray file.
 * A missing file is not an error; returns the names it set.
 */
export function loadEnvFile(
  file = '.env',
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
