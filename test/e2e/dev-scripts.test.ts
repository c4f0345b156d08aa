import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasValidSignature,
  signingKey,
} from '../../src/server/webhook-signature.js';
import { createAuthenticator } from '../../src/server/authenticate.js';
import { startFakeOpenAI } from '../support/fake-openai-server.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import { startProjectWebhook } from '../../src/testing/project-webhook.js';
import type { TestWebhook } from '../../src/testing/test-webhook.js';

/** Runs an npm script as its own process, with no model key in its env. */
function npmRun(args: string[], stdin = '', env: Record<string, string> = {}) {
  const child = spawn('npm', ['run', '--silent', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(stdin);

  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, output })),
  );
}

describe('npm run chat against a webhook by URL', () => {
  const model = new ScriptedModel();
  let webhook: TestWebhook;

  beforeAll(async () => {
    model.listen();
    webhook = await startProjectWebhook();
  });
  afterAll(async () => {
    await webhook.close();
    model.close();
  });

  it('sends what is typed and prints the answer', async () => {
    model.script({
      output: { reply: 'Hello from the bank.', state: { topic: 'other' } },
    });

    const { code, output } = await npmRun(
      ['chat', '--', '--url', `${webhook.url}/webhook`],
      'Hello?\n/quit\n',
    );

    expect(output).toContain('caller>   reply: Hello from the bank.');
    expect(output).toContain('  state: + topic: "other"');
    expect(code).toBe(0);
  }, 60_000);
});

describe('npm run chat against a webhook behind its door', () => {
  const model = new ScriptedModel();
  const token = 'a-token-of-sixteen-or-more';
  const secret = `whsec_${Buffer.from('the-chat-test-secret').toString('base64')}`;
  let webhook: TestWebhook;

  beforeAll(async () => {
    model.listen();
    webhook = await startProjectWebhook({
      auth: createAuthenticator({
        mode: 'on',
        secrets: [secret],
        token,
        production: false,
      }),
    });
  });
  afterAll(async () => {
    await webhook.close();
    model.close();
  });

  for (const [flag, value] of [
    ['--token', token],
    ['--secret', secret],
  ] as const) {
    it(`gets in with ${flag}`, async () => {
      model.script({ output: { reply: 'Welcome in.', state: {} } });

      const { code, output } = await npmRun(
        ['chat', '--', '--url', `${webhook.url}/webhook`, flag, value],
        'Hello?\n/quit\n',
      );

      expect(output).toContain('reply: Welcome in.');
      expect(code).toBe(0);
    }, 60_000);
  }

  it('is told it was refused without credentials', async () => {
    const { output } = await npmRun(
      ['chat', '--', '--url', `${webhook.url}/webhook`],
      'Hello?\n/quit\n',
    );

    expect(output).toContain('missing_credentials');
  }, 60_000);
});

describe('npm run demo', () => {
  it('plays a dialogue without any key', async () => {
    const { code, output } = await npmRun(['demo']);

    expect(output).toContain('  reply: Your checking balance is $3,488.77.');
    expect(code).toBe(0);
  }, 60_000);
});

describe('npm run chat with a webhook of its own', () => {
  it('uses the configured model and shows the tool calls it makes', async () => {
    const fake = await startFakeOpenAI();
    try {
      const { code, output } = await npmRun(
        ['chat'],
        '/state set authenticated true\n/state set userId "cust_amira"\nBalance?\n',
        {
          OPENAI_BASE_URL: fake.baseURL,
          BANK_DB: ':memory:',
          LOG_LEVEL: 'silent',
        },
      );

      expect(output).toMatch(
        /tool get_balance \{"account_type":"checking"\} -> ok \{.*"balance":"5118.77"/,
      );
      // The balance read succeeds, so the tool's sentence is the reply: the
      // fake model is not asked a second time.
      expect(output).toContain('  reply: Your checking balance is $5,118.77.');
      expect(code).toBe(0);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('says what to set when no model is configured', async () => {
    const { code, output } = await npmRun(['chat'], '');

    expect(output).toContain('no model provider configured');
    expect(code).toBe(1);
  }, 60_000);
});

describe('npm run sign', () => {
  const secret = `whsec_${Buffer.from('a-secret-for-the-test!').toString('base64')}`;
  const body = join(tmpdir(), `sign-test-${process.pid}.json`);

  it('prints headers, one a line, whose signature the server accepts', async () => {
    writeFileSync(body, '{"call_id":"c1"}\n');

    const { code, output } = await npmRun([
      'sign',
      '--',
      '--secret',
      secret,
      '--body',
      body,
      '--id',
      'msg_1',
    ]);
    const headers: Record<string, string> = Object.fromEntries(
      output
        .trim()
        .split('\n')
        .map((line) => line.split(': ')),
    );

    expect(code).toBe(0);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(
      hasValidSignature(
        [signingKey(secret)],
        `${headers['webhook-signature']}`,
        {
          id: 'msg_1',
          timestamp: `${headers['webhook-timestamp']}`,
          body: readFileSync(body),
        },
      ),
    ).toBe(true);
  }, 60_000);

  it('refuses a secret the server would refuse, without a stack trace', async () => {
    const { code, output } = await npmRun([
      'sign',
      '--',
      '--secret',
      'not-a-secret',
      '--body',
      body,
    ]);

    expect(code).toBe(2);
    expect(output).toContain('--secret must be whsec_');
    expect(output).not.toContain('    at ');
  }, 60_000);

  it('answers an unknown option with its usage, without a stack trace', async () => {
    const { code, output } = await npmRun(['sign', '--', '--sekret', 'x']);

    expect(code).toBe(2);
    expect(output).toContain('usage: npm run -s sign');
    expect(output).not.toContain('    at ');
  }, 60_000);
});
