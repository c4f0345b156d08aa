import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('the tracing and shutdown settings', () => {
  it('leaves tracing off and stops at once by default', () => {
    const config = loadConfig({});

    expect(config.tracing).toEqual({
      endpoint: undefined,
      headers: {},
      serviceName: 'aployee-webhook',
    });
    expect(config.shutdownDelayMs).toBe(0);
  });

  it('sends traces to the v1/traces path of the otlp endpoint', () => {
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_SERVICE_NAME: 'webhook-eu',
      SHUTDOWN_DELAY_MS: '5000',
    });

    expect(config.tracing).toMatchObject({
      endpoint: 'http://collector:4318/v1/traces',
      serviceName: 'webhook-eu',
    });
    expect(config.shutdownDelayMs).toBe(5000);
  });

  it('reads exporter headers as comma-separated key=value pairs', () => {
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%3D%3D, x-team=voice',
    });

    expect(config.tracing.headers).toEqual({
      'api-key': 'abc==',
      'x-team': 'voice',
    });
  });

  it('refuses malformed exporter headers without repeating them', () => {
    const attempt = () =>
      loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'secret-token-only' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/OTEL_EXPORTER_OTLP_HEADERS=\(hidden\)/);
    expect(attempt).not.toThrow(/secret-token-only/);
  });

  it('names an otlp endpoint that is not a url', () => {
    expect(() =>
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318"/);
  });
});
