/**
 * The value of one sample in Prometheus text output: the line of `name` whose
 * labels include every pair of `labels`; undefined when there is none.
 */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);

  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;

    const present = (match[3] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[4]);
  }
  return undefined;
}
