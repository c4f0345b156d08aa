import { z } from 'zod';

/** Where spans go; tracing is off (and costs nothing) without an endpoint. */
export type TracingConfig = Readonly<{
  endpoint?: string;
  headers: Readonly<Record<string, string>>;
  serviceName: string;
}>;

// `k1=v1,k2=v2`, the OpenTelemetry convention for exporter headers.
const headerList = z
  .string()
  .transform((raw, ctx) => {
    const headers: Record<string, string> = {};
    for (const pair of raw.split(',').filter((p) => p.trim() !== '')) {
      const at = pair.indexOf('=');
      if (at <= 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected key=value pairs separated by commas',
        });
        return z.NEVER;
      }
      const value = pair.slice(at + 1).trim();
      headers[pair.slice(0, at).trim()] = decodeURIComponent(value);
    }
    return headers;
  })
  .optional();

/** The OpenTelemetry variables this webhook honours. */
export function otelEnvSchema(defaultServiceName: string) {
  return z.object({
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    OTEL_EXPORTER_OTLP_HEADERS: headerList,
    OTEL_SERVICE_NAME: z.string().min(1).default(defaultServiceName),
  });
}

/** Traces go to `<endpoint>/v1/traces`, as the OTLP/HTTP convention says. */
export function tracingConfig(
  vars: z.infer<ReturnType<typeof otelEnvSchema>>,
): TracingConfig {
  const base = vars.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  return {
    endpoint: base === undefined ? undefined : `${base}/v1/traces`,
    headers: vars.OTEL_EXPORTER_OTLP_HEADERS ?? {},
    serviceName: vars.OTEL_SERVICE_NAME,
  };
}
