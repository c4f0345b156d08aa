import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Whether to print log lines for a person: only when stdout is a terminal and
 * pino-pretty (a development dependency) is installed. A container or a pipe
 * gets JSON lines, and a production install without it never misses it.
 */
export function wantsPrettyOutput(
  stream: { isTTY?: boolean } = process.stdout,
): boolean {
  if (!stream.isTTY) return false;

  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
