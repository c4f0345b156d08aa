import { propagation, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TurnTracing } from '../../src/telemetry/turn-tracing.js';
import { ScriptedModel } from '../../src/testing/scripted-model.js';
import {
  startWebhook,
  turnRequest,
  type TestWebhook,
} from '../support/start-webhook.js';
import { echoTool, testAssistant } from '../support/test-assistant.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const model = new ScriptedModel();
let webhook: TestWebhook;

beforeAll(async () => {
  model.listen();
  webhook = await startWebhook({
    assistants: [testAssistant({ tools: [echoTool()] })],
    app: { tracing: new TurnTracing(provider.getTracer('test')) },
  });
});
afterEach(() => {
  model.assertDone();
  model.reset();
  exporter.reset();
  propagation.disable();
});
afterAll(async () => {
  await webhook.close();
  await provider.shutdown();
  model.close();
});

function spansNamed(name: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.name === name);
}

function parentId(span: ReadableSpan) {
  return span.parentSpanContext?.spanId;
}

function scriptToolTurn() {
  model.script(
    { toolCalls: [{ name: 'echo', arguments: { text: 'hi' } }] },
    { output: { reply: 'Done.', state: {} } },
  );
}

describe('turn spans', () => {
  it('gives the turn a span with the fields of its log line', async () => {
    scriptToolTurn();

    await webhook.post(turnRequest({ call_id: 'call_abc123' }), {
      headers: { 'x-request-id': 'req-span-1' },
    });

    const [turn] = spansNamed('turn');
    const line = webhook.lastTurn() ?? {};
    expect(turn?.kind).toBe(SpanKind.SERVER);
    expect(turn?.attributes).toEqual({
      request_id: 'req-span-1',
      call_id: 'call_abc123',
      assistant_id: 'asst_xyz789',
      assistant: 'test',
      duration_ms: line.duration_ms,
      steps: 2,
      replied: true,
    });
    expect(turn?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('gives each model call a child span with its step, finish reason and tokens', async () => {
    scriptToolTurn();

    await webhook.post(turnRequest());

    const [turn] = spansNamed('turn');
    const calls = spansNamed('model call');
    const line = webhook.lastTurn() as { model_calls: object[] };
    expect(calls.map((span) => span.attributes)).toEqual(
      line.model_calls.map((call) => ({ ...call, model: 'gpt-4o-mini' })),
    );
    expect(calls.map(parentId)).toEqual([
      turn?.spanContext().spanId,
      turn?.spanContext().spanId,
    ]);
    expect(calls[0]?.attributes).toMatchObject({
      step: 1,
      finish_reason: 'tool_calls',
      tokens_in: 120,
      tokens_out: 20,
    });
  });

  it('gives each tool call a child span with its name, outcome and duration', async () => {
    scriptToolTurn();

    await webhook.post(turnRequest());

    const [turn] = spansNamed('turn');
    const [tool] = spansNamed('tool call');
    const line = webhook.lastTurn() as { tool_calls: object[] };
    expect(tool?.attributes).toEqual(line.tool_calls[0]);
    expect(tool?.attributes).toMatchObject({ name: 'echo', outcome: 'ok' });
    expect(parentId(tool!)).toBe(turn?.spanContext().spanId);
  });

  it('marks a turn that fell back as an error, with the reason', async () => {
    model.script({ refusal: 'I cannot help with that.' });

    await webhook.post(turnRequest());

    const [turn] = spansNamed('turn');
    expect(turn?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'refusal',
    });
    expect(turn?.attributes).toMatchObject({
      replied: false,
      'fallback.reason': 'refusal',
      'fallback.detail': expect.any(String),
    });
  });

  it('joins the trace of a caller that sends a traceparent', async () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    model.script({ output: { reply: 'Hello.', state: {} } });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

    await webhook.post(turnRequest(), {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });

    const [turn] = spansNamed('turn');
    expect(turn?.spanContext().traceId).toBe(traceId);
    expect(parentId(turn!)).toBe('00f067aa0ba902b7');
  });
});
