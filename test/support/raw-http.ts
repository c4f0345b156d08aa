import { connect } from 'node:net';

export type RawAnswer = Readonly<{ status: number; body: string }>;

/**
 * Sends bytes as they are over a plain socket, for requests no HTTP client
 * would send: a body cut short, invalid UTF-8, no length at all. Resolves
 * with the status and body, or rejects after `timeoutMs` of silence.
 */
export function sendRaw(
  url: string,
  head: string,
  body: Buffer = Buffer.alloc(0),
  options: { timeoutMs?: number; halfClose?: boolean } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);

  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(options.timeoutMs ?? 5000, () => {
      socket.destroy();
      reject(new Error('no answer before the timeout'));
    });

    socket.on('connect', () => {
      socket.write(Buffer.concat([Buffer.from(head), body]));
      if (options.halfClose) socket.end();
    });
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      const answer = parseAnswer(text);
      if (answer) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed without an answer')));
  });
}

// Complete once the body has as many bytes as the Content-Length says.
function parseAnswer(text: string): RawAnswer | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;

  const head = text.slice(0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
  const body = text.slice(end + 4);
  if (Buffer.byteLength(body) < length) return undefined;

  return { status, body };
}

/** A request head for POST /webhook with the given extra header lines. */
export function postHead(headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return `POST /webhook HTTP/1.1\r\nhost: 127.0.0.1\r\n${lines.join('')}\r\n`;
}
