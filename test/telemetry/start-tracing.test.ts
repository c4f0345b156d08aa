import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startTracing } from '../../src/telemetry/start-tracing.js';
import { TurnTracing } from '../../src/telemetry/turn-tracing.js';

type Received = { path?: string; headers: IncomingHttpHeaders; body: string };

// A stand-in for an OpenTelemetry collector: it records what arrives.
async function startCollector() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// Both cases share the process's one global tracer provider, so the case
// without an endpoint runs first, before anything is registered.
describe('startTracing', () => {
  it('registers nothing without an endpoint, so spans are no-ops', async () => {
    const stop = await startTracing(loadConfig({}).tracing);

    const span = trace.getTracer('probe').startSpan('probe');

    expect(stop).toBeUndefined();
    expect(span.isRecording()).toBe(false);
  });

  it('exports turn spans over otlp/http to the configured endpoint', async () => {
    const collector = await startCollector();
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-token=t0ken',
      OTEL_SERVICE_NAME: 'webhook-under-test',
    });

    const stop = await startTracing(config.tracing);
    const turn = new TurnTracing().startTurn(
      { request_id: 'r1', call_id: 'call_1', assistant_id: 'a1' },
      performance.now(),
    );
    turn.end();
    await stop?.();
    await collector.close();

    const [request] = collector.received;
    expect(request?.path).toBe('/v1/traces');
    expect(request?.headers['x-collector-token']).toBe('t0ken');
    expect(request?.body).toContain('webhook-under-test');
    expect(request?.body).toContain('"call_1"');
  });
});
