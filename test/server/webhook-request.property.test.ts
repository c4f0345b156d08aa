import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWireModelServer,
  type WireModelServer,
} from '../../src/testing/wire-model-server.js';
import {
  startWebhook,
  turnRequest,
  type PostResult,
  type TestWebhook,
} from '../support/start-webhook.js';
import { testAssistant } from '../support/test-assistant.js';

let modelServer: WireModelServer;
let webhook: TestWebhook;

beforeAll(async () => {
  modelServer = await startWireModelServer();
  webhook = await startWebhook({
    assistants: [testAssistant()],
    modelBaseURL: modelServer.baseURL,
    bodyLimitBytes: 256 * 1024,
  });
});
afterAll(async () => {
  await webhook.close();
  await modelServer.close();
});

// Text a client may well send: emoji cut in half, controls, bidi marks,
// combining marks, byte order marks, and every script there is.
const oddText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\uD83D', '\uDE00', '\u0000', '\u202E', '\uFEFF'),
    fc.constantFrom('😀', '🇩🇪', 'é', 'e\u0301', '\u0085', '\u2028'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
const oddNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
  fc.bigInt().map((n) => Number(n)),
);
const oddJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    oddText,
    oddNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(oddText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: oddJson });

// Close to the contract: each field mostly right, sometimes anything, and
// sometimes missing altogether.
const nearContract = fc.record(
  {
    call_id: field(fc.string({ minLength: 1, maxLength: 300 })),
    assistant_id: field(oddText),
    utterance: field(oddText),
    state: field(fc.dictionary(oddText, oddJson, { maxKeys: 6 })),
    context: field(
      fc.array(
        fc.record({
          role: field(fc.constantFrom('user', 'assistant', 'system')),
          content: field(oddText),
        }),
        { maxLength: 5 },
      ),
    ),
    timestamp: field(
      fc.constantFrom('2024-01-15T10:30:00Z', '2024-01-15T10:30:00+02:00'),
    ),
    extra: oddJson,
  },
  { requiredKeys: [] },
);

function expectContractAnswer(response: PostResult, sentState?: unknown) {
  expect(response.status).toBeLessThan(500);

  if (response.status !== 200) {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body.error).toMatchObject({
      code: expect.any(String),
      message: expect.any(String),
    });
    return;
  }

  const { reply, state, ...rest } = response.body;
  expect(rest).toEqual({});
  if (reply !== undefined) expect(typeof reply).toBe('string');
  expect(typeof state).toBe('object');
  expect(Array.isArray(state)).toBe(false);
  if (sentState && typeof sentState === 'object') {
    // Every incoming key, each value as JSON carries it.
    const asSent = JSON.parse(JSON.stringify(sentState));
    expect(state).toMatchObject(asSent);
  }
}

describe('random request bodies', () => {
  it('answers any json value with the contract or a 4xx json error', () =>
    fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        expectContractAnswer(await webhook.post(JSON.stringify(body)));
      }),
      { numRuns: 60 },
    ));

  it('answers bodies near the contract with the contract or a 4xx, keeping every state key', () =>
    fc.assert(
      fc.asyncProperty(nearContract, async (body) => {
        const response = await webhook.post(JSON.stringify(body));
        expectContractAnswer(response, body.state);
      }),
      { numRuns: 150 },
    ));

  it('answers a valid turn whatever odd state it carries, keeping it whole', () =>
    fc.assert(
      fc.asyncProperty(
        fc.dictionary(oddText, oddJson, { maxKeys: 8 }),
        async (state) => {
          const response = await webhook.post(turnRequest({ state }));

          expect(response.status).toBe(200);
          expectContractAnswer(response, state);
        },
      ),
      { numRuns: 60 },
    ));

  it('answers nesting of any depth anywhere in the body without a 5xx', () =>
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom('state', 'context', 'extra'),
        fc.constantFrom(['[', ']'], ['{"a":', '}']),
        async (depth, where, [open, close]) => {
          const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
          const body = JSON.stringify(turnRequest({ [where]: 'DEEP' })).replace(
            '"DEEP"',
            deep,
          );

          expectContractAnswer(await webhook.post(body));
        },
      ),
      { numRuns: 30 },
    ));

  it('keeps numbers past what a double holds exactly, as JSON reads them', async () => {
    const body = JSON.stringify(turnRequest({ state: 'STATE' })).replace(
      '"STATE"',
      '{"big": 123456789012345678901234567890, "tiny": 1e-400}',
    );

    const response = await webhook.post(body);

    expect(response.status).toBe(200);
    expect(response.body.state).toEqual({
      big: 1.2345678901234568e29,
      tiny: 0,
    });
  });

  it('refuses a number past the largest double, which would come back null', async () => {
    const body = JSON.stringify(turnRequest({ state: 'STATE' })).replace(
      '"STATE"',
      '{"huge": 1e400}',
    );

    const response = await webhook.post(body);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'invalid_field',
      field: 'state',
    });
  });
});
