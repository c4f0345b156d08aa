import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/assistants/tool.js';
import {
  ScriptedModel,
  type ModelRequestBody,
} from '../../src/testing/scripted-model.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';

const model = new ScriptedModel();
let webhook: TestWebhook;
const events: string[] = [];

const explode = defineTool({
  name: 'explode',
  description: 'Always throws.',
  parameters: z.object({}),
  effect: 'read',
  async run() {
    throw new Error('database password is hunter2');
  },
});

const slow = defineTool({
  name: 'slow',
  description: 'Never finishes in time.',
  parameters: z.object({}),
  effect: 'read',
  timeoutMs: 50,
  async run(_args, { signal }) {
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    events.push(`slow saw abort: ${signal.aborted}`);
    return { result: 'late' };
  },
});

const guarded = defineTool({
  name: 'guarded',
  description: 'Needs a verified caller.',
  parameters: z.object({}),
  effect: 'read',
  requires: (state) =>
    state.verified === true ? undefined : 'The caller is not verified.',
  async run() {
    events.push('guarded ran');
    return { result: 'secret' };
  },
});

function writer(name: string, delayMs: number) {
  return defineTool({
    name,
    description: `Writes ${name}.`,
    parameters: z.object({}),
    effect: 'write',
    writes: ['log'],
    async run(_args, { state }) {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      events.push(`${name} end`);
      const log = Array.isArray(state.log) ? state.log : [];
      return { result: 'ok', patch: { log: [...log, name] } };
    },
  });
}

function reader(name: string) {
  return defineTool({
    name,
    description: `Reads ${name}.`,
    parameters: z.object({}),
    effect: 'read',
    async run() {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`${name} end`);
      return { result: 'read' };
    },
  });
}

const sneaky = defineTool({
  name: 'sneaky',
  description: 'Writes a key it does not declare.',
  parameters: z.object({}),
  effect: 'write',
  writes: ['allowed'],
  async run() {
    return { result: 'ok', patch: { authenticated: true } };
  },
});

const tools = [
  echoTool(),
  explode,
  slow,
  guarded,
  writer('first', 30),
  writer('second', 0),
  reader('read_a'),
  reader('read_b'),
  sneaky,
];

beforeAll(async () => {
  model.listen();
  webhook = await startWebhook({ assistants: [testAssistant({ tools })] });
});
afterEach(() => {
  model.assertDone();
  model.reset();
  events.length = 0;
});
afterAll(async () => {
  await webhook.close();
  model.close();
});

/** Scripts one step of tool calls, then a final answer that quotes results. */
async function callTools(
  calls: Array<{ id?: string; name: string; arguments?: unknown }>,
  state = {},
) {
  let seen: ModelRequestBody | undefined;
  model.script({ toolCalls: calls }, (request) => {
    seen = request;
    return { output: { reply: 'Done.', state: {} } };
  });

  const response = await webhook.post(turnRequest({ state }));
  const results = (seen?.messages ?? [])
    .filter((message) => message.role === 'tool')
    .map((message) => JSON.parse(String(message.content)));
  return { response, results, request: seen };
}

describe('tool calls that go wrong', () => {
  it('tells the model the arguments are invalid, with the schema issues', async () => {
    const { results, response } = await callTools([
      { name: 'echo', arguments: { text: 42 } },
    ]);

    expect(response.body.reply).toBe('Done.');
    expect(results[0]).toMatchObject({
      ok: false,
      error: { code: 'invalid_arguments', issues: [{ path: 'text' }] },
    });
  });

  it('tells the model when the arguments are not json', async () => {
    const { results } = await callTools([
      { name: 'echo', arguments: '{"text": ' },
    ]);

    expect(results[0].error.code).toBe('invalid_arguments');
  });

  it('reads empty arguments as an empty object', async () => {
    const { results } = await callTools([{ name: 'guarded', arguments: '' }], {
      verified: true,
    });

    expect(results[0]).toEqual({ ok: true, result: 'secret' });
  });

  it('names the valid tools when the model calls an unknown one', async () => {
    const { results } = await callTools([{ name: 'transfer_everything' }]);

    expect(results[0].error.code).toBe('unknown_tool');
    expect(results[0].error.valid_tools).toContain('echo');
  });

  it('turns a throwing tool into a result without its internal message', async () => {
    const { results, response } = await callTools([{ name: 'explode' }]);

    expect(response.status).toBe(200);
    expect(results[0].error.code).toBe('failed');
    expect(JSON.stringify(results)).not.toContain('hunter2');
    expect(
      webhook.logs.find((line) => line.msg === 'tool call failed'),
    ).toMatchObject({ tool: 'explode' });
  });

  it('stops a tool past its own timeout and aborts its signal', async () => {
    const { results } = await callTools([{ name: 'slow' }]);

    expect(results[0].error.code).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toContain('slow saw abort: true');
  });

  it('does not run a tool whose requirement on state does not hold', async () => {
    const { results } = await callTools([{ name: 'guarded' }], {
      verified: false,
    });

    expect(results[0].error).toEqual({
      code: 'not_allowed',
      message: 'The caller is not verified.',
    });
    expect(events).not.toContain('guarded ran');
  });

  it('refuses a patch of a state key the tool does not declare', async () => {
    const { results, response } = await callTools([{ name: 'sneaky' }]);

    expect(results[0].error.code).toBe('failed');
    expect(response.body.state).toEqual({});
  });
});

describe('tool call ids', () => {
  it('gives repeated and empty ids fresh unique ones', async () => {
    const { request } = await callTools([
      { id: 'dup', name: 'echo', arguments: { text: 'a' } },
      { id: 'dup', name: 'echo', arguments: { text: 'b' } },
      { id: '', name: 'echo', arguments: { text: 'c' } },
    ]);

    const assistant = request?.messages.find(
      (m) => m.role === 'assistant',
    ) as any;
    const callIds = assistant.tool_calls.map((call: any) => call.id);
    const resultIds = request?.messages
      .filter((m) => m.role === 'tool')
      .map((m) => m.tool_call_id);
    expect(new Set(callIds).size).toBe(3);
    expect(callIds[0]).toBe('dup');
    expect(resultIds).toEqual(callIds);
  });
});

describe('tool scheduling', () => {
  it('runs writes one at a time in the model order, each seeing the one before', async () => {
    const { response } = await callTools([
      { name: 'first' },
      { name: 'second' },
    ]);

    expect(events).toEqual([
      'first start',
      'first end',
      'second start',
      'second end',
    ]);
    expect(response.body.state).toEqual({ log: ['first', 'second'] });
  });

  it('runs reads side by side', async () => {
    await callTools([{ name: 'read_a' }, { name: 'read_b' }]);

    expect(events.slice(0, 2)).toEqual(['read_a start', 'read_b start']);
  });
});
