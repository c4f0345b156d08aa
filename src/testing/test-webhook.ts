import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Assistant } from '../assistants/assistant.js';
import { createAssistantRegistry } from '../assistants/assistant-registry.js';
import { createLogger } from '../log/logger.js';
import type { Authenticator } from '../server/authenticate.js';
import { createApp } from '../server/create-app.js';
import { createModel, type Model } from '../turn/call-model.js';
import { combineObservers } from '../turn/turn-observer.js';
import type { TurnWatcher } from '../turn/turn-watch.js';
import { turnReports, type TurnReport } from './turn-report.js';
import type { WebhookTarget } from './webhook-target.js';

/** Where the scripted model listens; msw intercepts it, nothing is sent. */
export const SCRIPTED_MODEL_URL = 'http://model.test/v1';

export type TestWebhookOptions = Readonly<{
  assistants: readonly Assistant[];
  /** Defaults to the SDK pointed at the scripted model's address. */
  model?: Model;
  contextMaxMessages?: number;
  bodyLimitBytes?: number;
  logContent?: boolean;
  /** Another watcher to run beside the one that reports tool calls. */
  watchTurn?: TurnWatcher;
  /** Who may call; absent, anyone may. */
  auth?: Authenticator;
}>;

/** The real webhook on a free local port, with what each turn did. */
export type TestWebhook = WebhookTarget &
  Readonly<{
    url: string;
    /** Log lines written so far, parsed. */
    logs: Array<Record<string, unknown>>;
    close: () => Promise<void>;
  }>;

/**
 * Starts the real Express app in this process, so a test or the chat
 * session drives it over HTTP exactly as the platform does, and sees each
 * turn's tool calls beside the answer. Start the scripted model listening
 * first: the SDK keeps the `fetch` it finds when it is created.
 */
export async function startTestWebhook(
  options: TestWebhookOptions,
): Promise<TestWebhook> {
  const logs: Array<Record<string, unknown>> = [];
  const reports = turnReports();
  const extra = options.watchTurn;

  const app = createApp({
    registry: createAssistantRegistry([...options.assistants]),
    model:
      options.model ??
      createModel({ apiKey: 'sk-test', baseURL: SCRIPTED_MODEL_URL }),
    log: createLogger({ level: 'debug' }, logSink(logs)),
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    contextMaxMessages: options.contextMaxMessages ?? 20,
    logContent: options.logContent ?? false,
    watchTurn: extra
      ? bothWatchers(reports.watchTurn, extra)
      : reports.watchTurn,
    auth: options.auth,
  });

  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    logs,
    async post(body) {
      const posted = await postJson(`${url}/webhook`, body);
      const callId = (body as { call_id?: unknown }).call_id;
      const report: TurnReport | undefined =
        typeof callId === 'string' ? reports.take(callId) : undefined;
      return { ...posted, report };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Posts one contract request and times the answer. */
export async function postJson(
  url: string,
  body: unknown,
  headersFor: (raw: string) => Record<string, string> = () => ({}),
) {
  const started = performance.now();
  const raw = JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headersFor(raw) },
    body: raw,
  });
  const text = await response.text();

  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    elapsedMs: performance.now() - started,
  };
}

function bothWatchers(first: TurnWatcher, second: TurnWatcher): TurnWatcher {
  return (input) => {
    const a = first(input);
    const b = second(input);
    return {
      observer: combineObservers(a.observer ?? {}, b.observer ?? {}),
      around: b.around,
      finished: (result) => {
        a.finished?.(result);
        b.finished?.(result);
      },
    };
  };
}

function logSink(logs: Array<Record<string, unknown>>): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}
