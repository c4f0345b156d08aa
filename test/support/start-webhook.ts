import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Assistant } from '../../src/assistants/assistant.js';
import { createAssistantRegistry } from '../../src/assistants/assistant-registry.js';
import type { CallCoordinator } from '../../src/calls/call-coordinator.js';
import { createLogger } from '../../src/log/logger.js';
import { createApp, type AppOptions } from '../../src/server/create-app.js';
import { createModel } from '../../src/turn/call-model.js';
import { captureLogLines } from './log-capture.js';

export const MODEL_BASE_URL = 'http://model.test/v1';

export type PostResult = Readonly<{
  status: number;
  body: any;
  headers: Headers;
  elapsedMs: number;
}>;

export type TestWebhook = Readonly<{
  url: string;
  /** Log lines written so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The summary line of the latest turn. */
  lastTurn: () => Record<string, unknown> | undefined;
  post: (
    body: unknown,
    init?: { headers?: Record<string, string> },
  ) => Promise<PostResult>;
  /** A plain GET, for the health and metrics routes. */
  get: (path: string) => Promise<Response>;
  close: () => Promise<void>;
}>;

export type StartOptions = {
  assistants: Assistant[];
  contextMaxMessages?: number;
  bodyLimitBytes?: number;
  logContent?: boolean;
  /** How the call's turns are coordinated; the app's own memory if absent. */
  calls?: CallCoordinator;
  /** Metrics, tracing or readiness of the test's own making. */
  app?: Pick<AppOptions, 'metrics' | 'tracing' | 'readiness'>;
};

/** The real Express app on a free port, talking to the scripted model. */
export async function startWebhook(
  options: StartOptions,
): Promise<TestWebhook> {
  const { sink, lines: logs } = captureLogLines();

  const app = createApp({
    registry: createAssistantRegistry(options.assistants),
    model: createModel({ apiKey: 'sk-test-secret', baseURL: MODEL_BASE_URL }),
    log: createLogger({ level: 'debug' }, sink),
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    contextMaxMessages: options.contextMaxMessages ?? 20,
    logContent: options.logContent ?? false,
    calls: options.calls,
    ...options.app,
  });

  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    logs,
    lastTurn: () =>
      logs.findLast((line) => String(line.msg).startsWith('turn ')),
    async post(body, init = {}) {
      const started = performance.now();
      const response = await fetch(`${url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      const elapsedMs = performance.now() - started;
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        headers: response.headers,
        elapsedMs,
      };
    },
    get: (path) => fetch(`${url}${path}`),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A contract request with sensible values, to override field by field. Each
 * gets a call of its own unless it names one: turns of one call share state,
 * and a repeated request is a duplicate delivery.
 */
export function turnRequest(overrides: Record<string, unknown> = {}) {
  return {
    call_id: `call_${randomUUID()}`,
    assistant_id: 'asst_xyz789',
    utterance: "What's my account balance?",
    state: {},
    context: [],
    timestamp: '2024-01-15T10:30:00Z',
    ...overrides,
  };
}
