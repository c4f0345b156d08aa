import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai-server.js';
import {
  freePort,
  killProcesses,
  runProcess,
  waitForListening,
  type ServerProcess,
} from '../support/server-process.js';

// Each of the turn's two model calls takes this long, so a signal sent
// after the first request reached the model lands in the middle of a turn.
const MODEL_DELAY_MS = 1500;

const BALANCE_TURN = {
  call_id: 'call_stop_1',
  assistant_id: 'banking',
  utterance: 'What is my checking balance?',
  state: { authenticated: true, userId: 'cust_amira' },
  context: [],
  timestamp: '2024-01-15T10:30:00Z',
};

let fake: Awaited<ReturnType<typeof startFakeOpenAI>> | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(() => killProcesses());

// The server run from source, as one process, so the signal reaches it
// directly and its exit code is its own.
async function startServer(env: Record<string, string>) {
  fake = await startFakeOpenAI({ delayMs: MODEL_DELAY_MS });
  const port = await freePort();
  const server = runProcess(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts'],
    {
      PORT: String(port),
      OPENAI_BASE_URL: fake.baseURL,
      BANK_DB: ':memory:',
      ...env,
    },
  );
  await waitForListening(server);
  return { server, url: `http://127.0.0.1:${port}`, fake };
}

async function postTurn(url: string) {
  const response = await fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BALANCE_TURN),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function untilModelCalled(requests: unknown[]) {
  while (requests.length === 0)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

async function expectCleanExit(server: ServerProcess) {
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain('"msg":"stopped"');
}

describe('a graceful stop', () => {
  it('answers the turn in flight after SIGTERM, then exits 0', async () => {
    const { server, url, fake } = await startServer({});

    const turn = postTurn(url);
    await untilModelCalled(fake.requests);
    server.signal('SIGTERM');
    const { status, body } = await turn;

    expect(status).toBe(200);
    expect(body.reply).toMatch(/^The bank said: /);
    expect(body.state).toMatchObject(BALANCE_TURN.state);
    expect(fake.requests).toHaveLength(2);
    await expectCleanExit(server);
  }, 60_000);

  it('reports not ready during the shutdown delay while the turn finishes', async () => {
    const { server, url, fake } = await startServer({
      SHUTDOWN_DELAY_MS: '1000',
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const turn = postTurn(url);
    await untilModelCalled(fake.requests);
    server.signal('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const readyz = await fetch(`${url}/readyz`);
    const { status, body } = await turn;

    expect(readyz.status).toBe(503);
    expect(status).toBe(200);
    expect(body.reply).toMatch(/^The bank said: /);
    await expectCleanExit(server);
  }, 60_000);

  it('stops on SIGINT as on SIGTERM', async () => {
    const { server, url, fake } = await startServer({});

    const turn = postTurn(url);
    await untilModelCalled(fake.requests);
    server.signal('SIGINT');

    expect((await turn).status).toBe(200);
    await expectCleanExit(server);
  }, 60_000);
});
