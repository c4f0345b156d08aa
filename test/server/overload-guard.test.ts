import { describe, expect, it } from 'vitest';
import { OverloadGuard } from '../../src/server/overload-guard.js';
import { startWebhook, turnRequest } from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';
import { scriptedWebhook } from '../support/scripted-webhook.js';

const { model, webhook } = scriptedWebhook(() =>
  startWebhook({
    assistants: [testAssistant()],
    maxTurnsInFlight: 2,
  }),
);

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('OverloadGuard', () => {
  it('lets in up to its cap and one more after a release', () => {
    const guard = new OverloadGuard(2);
    const first = guard.tryEnter();
    guard.tryEnter();

    expect(guard.tryEnter()).toBeUndefined();
    first?.();
    expect(guard.tryEnter()).toBeDefined();
  });

  it('counts a release once even when called twice', () => {
    const guard = new OverloadGuard(2);
    const leave = guard.tryEnter();
    guard.tryEnter();

    leave?.();
    leave?.();

    expect(guard.inFlight).toBe(1);
  });
});

describe('a turn past the cap on turns in flight', () => {
  it('is answered at once with its state, without the model, and logged as overload', async () => {
    const slow = { output: { reply: 'Slow.', state: {} }, delayMs: 2000 };
    model.script(slow, slow);
    let slowDone = false;
    const busy = Promise.all([
      webhook.post(turnRequest({ call_id: 'call_1' })),
      webhook.post(turnRequest({ call_id: 'call_2' })),
    ]).then(() => (slowDone = true));
    await until(() => model.requests.length === 2);
    const state = { lastAction: 'greeting' };

    const refused = await webhook.post(
      turnRequest({ call_id: 'call_3', state }),
    );

    expect(slowDone).toBe(false);
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({ state });
    expect(webhook.lastTurn()).toMatchObject({
      call_id: 'call_3',
      fallback: { reason: 'overload' },
    });
    await busy;
    expect(model.requests).toHaveLength(2);
  });

  it('lets turns in again once the ones in flight are done', async () => {
    model.script({ output: { reply: 'Hello.', state: {} } });

    const response = await webhook.post(turnRequest());

    expect(response.body.reply).toBe('Hello.');
  });
});
