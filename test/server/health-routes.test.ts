import { afterEach, describe, expect, it } from 'vitest';
import { Readiness } from '../../src/server/readiness.js';
import { startWebhook, type TestWebhook } from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';

let webhook: TestWebhook | undefined;

afterEach(async () => {
  await webhook?.close();
  webhook = undefined;
});

async function start(readiness: Readiness) {
  webhook = await startWebhook({
    assistants: [testAssistant()],
    app: { readiness },
  });
  return webhook;
}

describe('health and readiness', () => {
  it('answers /healthz while the process runs', async () => {
    const { get } = await start(new Readiness());

    const response = await get('/healthz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when every check passes', async () => {
    const { get } = await start(new Readiness({ tools: () => undefined }));

    const response = await get('/readyz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { tools: 'ok', shutdown: 'ok' },
    });
  });

  it('is not ready and says why when a check fails', async () => {
    const { get } = await start(
      new Readiness({ tools: () => 'banking: the bank database is closed' }),
    );

    const response = await get('/readyz');

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not_ready',
      checks: { tools: 'banking: the bank database is closed', shutdown: 'ok' },
    });
  });

  it('is not ready when a check throws', async () => {
    const { get } = await start(
      new Readiness({
        tools: () => {
          throw new Error('database is locked');
        },
      }),
    );

    const response = await get('/readyz');

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      checks: { tools: 'database is locked' },
    });
  });

  it('is not ready while shutting down, and stays alive', async () => {
    const readiness = new Readiness();
    const { get } = await start(readiness);

    readiness.markStopping();

    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      checks: { shutdown: 'shutting down' },
    });
    expect((await get('/healthz')).status).toBe(200);
  });

  it('asks clients to close the connection while shutting down', async () => {
    const readiness = new Readiness();
    const { get } = await start(readiness);

    const before = await get('/healthz');
    readiness.markStopping();
    const during = await get('/healthz');

    expect(before.headers.get('connection')).not.toBe('close');
    expect(during.headers.get('connection')).toBe('close');
  });
});
