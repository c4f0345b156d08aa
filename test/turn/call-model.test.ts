import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentCompletion } from '../../src/testing/openai-wire.js';
import { createModel } from '../../src/turn/call-model.js';
import { TurnBudget } from '../../src/turn/turn-budget.js';
import { TurnFailure } from '../../src/turn/turn-failure.js';
import { testAssistant } from '../support/test-assistant.js';

// A real server, out of msw's reach, so the redirect meets the real fetch.
const hits: string[] = [];
const server = createServer((req, res) => {
  hits.push(req.url ?? '');
  req.resume();
  if (req.url?.startsWith('/moved/')) {
    const answer = contentCompletion('{"reply":"moved","state":{}}');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
    return;
  }
  res.writeHead(307, { location: '/moved/chat/completions' }).end();
});
let baseURL = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createModel', () => {
  it('does not follow a redirect from the provider', async () => {
    const model = createModel({ baseURL });
    const request = {
      assistant: testAssistant(),
      messages: [{ role: 'user' as const, content: 'Hi' }],
      toolChoice: 'auto' as const,
    };

    const answer = model.call(request, new TurnBudget(2000));

    await expect(answer).rejects.toBeInstanceOf(TurnFailure);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((url) => url.startsWith('/moved/'))).toEqual([]);
  });
});
