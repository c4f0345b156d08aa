import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

export type LoggerOptions = Readonly<{
  level: string;
  /** Human-readable lines through pino-pretty instead of JSON. */
  pretty?: boolean;
}>;

// Declared as paths so a secret is removed wherever a log line carries it,
// even from an object someone logs by mistake.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'apiKey',
  '*.apiKey',
  'config.openai.apiKey',
];

/** The process's one logger: JSON lines (or pretty ones), secrets redacted. */
export function createLogger(
  options: LoggerOptions,
  destination?: DestinationStream,
): Logger {
  const settings = {
    level: options.level,
    base: undefined,
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  if (destination) return pino(settings, destination);
  if (options.pretty)
    return pino({ ...settings, transport: { target: 'pino-pretty' } });
  return pino(settings);
}
