import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai-server.js';

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let dir: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  dir = await mkdtemp(join(tmpdir(), 'record-dir-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('writes each turn to RECORD_DIR when the webhook runs as a process', async () => {
  const port = await freePort();
  const server = spawn('npx', ['tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-process-secret',
      BANK_DB: ':memory:',
      RECORD_DIR: dir,
    },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => server.once('close', resolve));

  try {
    await until(
      () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (response) => response.ok,
          () => false,
        ),
      'the webhook to listen',
    );
    await fetch(`http://127.0.0.1:${port}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        call_id: 'call_recorded',
        assistant_id: 'asst_any',
        utterance: 'My balance please',
        state: { authenticated: true, userId: 'cust_amira' },
        context: [],
        timestamp: '2024-01-15T10:30:00Z',
      }),
    });
    // A recording is written under a temporary name and renamed when whole;
    // only the renamed file counts, and it must be complete at once.
    const recordings = async () =>
      (await readdir(dir)).filter((file) => file.endsWith('.json'));
    await until(async () => (await recordings()).length > 0, 'a recording');

    const [name] = await recordings();
    const text = await readFile(join(dir, String(name)), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const recording = JSON.parse(text);
    expect(name).toMatch(/_call_recorded_1\.json$/);
    expect(recording.content).toBe('masked');
    // get_balance speaks the balance itself: one model call, and the reply
    // the tool wrote is masked like any other.
    expect(recording.model_calls).toHaveLength(1);
    expect(recording.tool_calls[0].name).toBe('get_balance');
    expect(recording.answer.reply).toMatch(/^\[\d+ chars\]$/);
    expect(text).not.toContain('My balance please');
    expect(text).not.toContain('5,118.77');
    expect(text).not.toContain('sk-process-secret');
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}, 90_000);
