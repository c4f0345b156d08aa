// A local OpenAI-compatible server for the benchmark: Chat Completions on a
// plain node http server with keep-alive, its latency set per run over a
// control route. Run as its own process so its work does not count against
// the webhook under test; it prints `{"port": n}` once listening.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  contentCompletion,
  toolCallsCompletion,
  type WireToolCall,
} from '../../src/testing/openai-wire.js';
import { PrefixTracker } from './prefix-tracker.js';

/** What the model does next, for one turn of a replayed dialogue. */
export type ReplayAction = Readonly<{
  tool?: WireToolCall;
  reply: string | null;
}>;

export type ModelServerSettings = {
  latencyMs: number;
  /** Accept requests and never answer them. */
  hang: boolean;
  /** Turns of replayed dialogues, by the utterance timestamp the prompt names. */
  replay: Record<string, ReplayAction>;
};

const settings: ModelServerSettings = { latencyMs: 0, hang: false, replay: {} };
type Counters = {
  requests: number;
  connections: number;
  prefixes: PrefixTracker;
};
// Kept per target (the first part of the path each target is given), since
// a target's late requests can still arrive while another one is measured.
let counters = new Map<string, Counters>();
const socketsSeen = new WeakSet<object>();

function countersFor(target: string): Counters {
  const known = counters.get(target);
  if (known) return known;

  const fresh = { requests: 0, connections: 0, prefixes: new PrefixTracker() };
  counters.set(target, fresh);
  return fresh;
}

const BALANCE_CALL: WireToolCall = {
  name: 'get_balance',
  arguments: { account_type: 'checking' },
};
const SPOKEN_AT = /The caller spoke at (\S+)\./;

const server = createServer({ keepAlive: true }, (req, res) => {
  void readBody(req).then((raw) => {
    if (req.url?.startsWith('/__bench/')) {
      const answer = control(req.method ?? 'GET', req.url, raw);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
      return;
    }

    const mine = countersFor(/^\/t\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '');
    mine.requests += 1;
    mine.prefixes.add(raw);
    if (!socketsSeen.has(req.socket)) {
      socketsSeen.add(req.socket);
      mine.connections += 1;
    }
    if (settings.hang) return;

    const body = JSON.stringify(answerFor(JSON.parse(raw) as ChatBody));
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (settings.latencyMs > 0) setTimeout(send, settings.latencyMs);
    else send();
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

type ChatBody = {
  messages: Array<{ role: string; content?: unknown }>;
};

function answerFor(body: ChatBody) {
  const last = body.messages.at(-1);
  const action = replayActionFor(body);

  if (last?.role === 'tool') return finalAnswer(action?.reply, last.content);
  if (action && !action.tool) return finalAnswer(action.reply, undefined);
  return toolCallsCompletion([action?.tool ?? BALANCE_CALL]);
}

function replayActionFor(body: ChatBody): ReplayAction | undefined {
  for (const message of body.messages) {
    if (message.role !== 'system' || typeof message.content !== 'string')
      continue;
    const at = SPOKEN_AT.exec(message.content)?.[1];
    if (at) return settings.replay[at];
  }
  return undefined;
}

function finalAnswer(reply: string | null | undefined, toolResult: unknown) {
  const spoken =
    reply === undefined ? spokenBalance(toolResult) : (reply ?? null);
  return contentCompletion(
    JSON.stringify({
      reply: spoken,
      state: { topic: 'balance', account_type: 'checking' },
    }),
  );
}

function spokenBalance(toolResult: unknown): string {
  const text = typeof toolResult === 'string' ? toolResult : '';
  const spoken = /"spoken":"([^"]+)"/.exec(text)?.[1];
  return spoken ? `Your checking balance is ${spoken}.` : 'I could not tell.';
}

function control(method: string, url: string, raw: string) {
  if (method === 'POST' && url === '/__bench/settings') {
    Object.assign(settings, JSON.parse(raw) as Partial<ModelServerSettings>);
    return { ok: true };
  }
  if (method === 'POST' && url === '/__bench/reset') {
    counters = new Map();
    return { ok: true };
  }
  const mine = countersFor(url.split('target=')[1] ?? '');
  return {
    requests: mine.requests,
    connections: mine.connections,
    prefix: mine.prefixes.summary(),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
