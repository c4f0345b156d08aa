import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { contentCompletion } from './openai-wire.js';

/** How the server answers one request. */
export type WireBehaviour =
  | Readonly<{ kind: 'answer'; delayMs?: number }>
  | Readonly<{ kind: 'fail'; status: number; delayMs?: number }>
  | Readonly<{ kind: 'hang' }>;

export type WireModelServer = Readonly<{
  baseURL: string;
  /** Requests received so far. */
  count: () => number;
  close: () => Promise<void>;
}>;

const ANSWER = JSON.stringify(
  contentCompletion(JSON.stringify({ reply: null, state: {} })),
);

/**
 * A real HTTP server on 127.0.0.1 that speaks Chat Completions, for load
 * tests and property tests that send more requests than anyone would script.
 * `behave` picks each answer: a final output with no reply, an error
 * status, or silence that never ends.
 */
export async function startWireModelServer(
  behave: (index: number) => WireBehaviour = () => ({ kind: 'answer' }),
): Promise<WireModelServer> {
  let received = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const behaviour = behave(received++);
    req.resume();
    req.on('end', () => {
      if (behaviour.kind === 'hang') return;

      const timer = setTimeout(() => {
        timers.delete(timer);
        if (behaviour.kind === 'answer') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(ANSWER);
          return;
        }
        res.writeHead(behaviour.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'scripted failure' } }));
      }, behaviour.delayMs ?? 0);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    count: () => received,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
