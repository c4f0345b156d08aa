import { isDeepStrictEqual } from 'node:util';

/** One line per state key that a turn added (+), changed (~) or removed (-). */
export function stateDiff(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] {
  const lines: string[] = [];

  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) lines.push(`+ ${key}: ${show(value)}`);
    else if (!isDeepStrictEqual(before[key], value))
      lines.push(`~ ${key}: ${show(before[key])} -> ${show(value)}`);
  }
  for (const key of Object.keys(before)) {
    if (!(key in after)) lines.push(`- ${key}`);
  }
  return lines;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
