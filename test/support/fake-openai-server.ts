import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  contentCompletion,
  toolCallsCompletion,
} from '../../src/testing/openai-wire.js';

/**
 * A real HTTP server speaking the Chat Completions wire format, for tests
 * that run the webhook as its own process, out of msw's reach. It asks for
 * one balance lookup; a lookup that succeeds is the reply itself, one that
 * fails (a caller the bank does not know) brings a second request, answered
 * with what the tool returned. Each answer comes after `delayMs`, to play a
 * slow model.
 */
export async function startFakeOpenAI({ delayMs = 0 } = {}): Promise<{
  baseURL: string;
  requests: unknown[];
  close: () => Promise<void>;
}> {
  const requests: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as {
        messages: Array<{ role: string; content: string }>;
      };
      requests.push(body);

      const last = body.messages.at(-1);
      const answer =
        last?.role === 'tool'
          ? contentCompletion(
              JSON.stringify({
                reply: `The bank said: ${last.content}`,
                state: { topic: 'balance', account_type: 'checking' },
              }),
            )
          : toolCallsCompletion([
              { name: 'get_balance', arguments: { account_type: 'checking' } },
            ]);
      setTimeout(() => {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer));
      }, delayMs);
    });
  });

  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
