import { Writable } from 'node:stream';

/** A destination for a logger that keeps each line it gets, parsed. */
export function captureLogLines() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        lines.push(JSON.parse(line));
      done();
    },
  });
  return { sink, lines };
}
