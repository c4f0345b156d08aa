import type { TracingConfig } from '../config/tracing-config.js';

/** Flushes the spans still buffered and stops exporting. */
export type StopTracing = () => Promise<void>;

/**
 * Registers an OpenTelemetry SDK that exports spans over OTLP/HTTP, when an
 * endpoint is configured. Without one nothing is loaded or registered: the
 * API stays a no-op and a turn pays nothing for its spans.
 */
export async function startTracing(
  config: TracingConfig,
): Promise<StopTracing | undefined> {
  if (config.endpoint === undefined) return undefined;

  // Loaded only here, so a process without tracing never imports the SDK.
  const [{ NodeTracerProvider, BatchSpanProcessor }, otlp, resources] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);

  const exporter = new otlp.OTLPTraceExporter({
    url: config.endpoint,
    headers: { ...config.headers },
  });
  const provider = new NodeTracerProvider({
    resource: resources.resourceFromAttributes({
      'service.name': config.serviceName,
    }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();

  return () => provider.shutdown();
}
