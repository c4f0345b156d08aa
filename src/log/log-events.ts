import type { Logger } from 'pino';
import { ConfigError } from '../config/config.js';
import type { TurnInput, TurnResult } from '../turn/turn-types.js';
import { turnLine } from './turn-line.js';

/**
 * Every line the webhook logs, in one place, so their shape stays consistent
 * and what counts as personal data is decided once. Utterances, replies and
 * tool results appear only when content logging is switched on.
 */
export const logEvents = {
  turn(log: Logger, input: TurnInput, result: TurnResult, logContent: boolean) {
    const { summary } = result;
    const line = {
      ...turnLine(summary),
      ...(logContent
        ? { utterance: input.utterance, reply: result.reply }
        : {}),
    };
    log.info(line, summary.fallback ? 'turn fell back' : 'turn answered');
  },

  contextDropped(log: Logger, roles: readonly string[]) {
    log.warn({ dropped: roles.length, roles }, 'context entries dropped');
  },

  contextTrimmed(log: Logger, trimmed: number) {
    log.info({ trimmed }, 'context trimmed to its size limit');
  },

  authenticationOff(log: Logger, explicit: boolean) {
    log.warn(
      { explicit },
      'caller authentication is off: anyone who can reach the webhook may call it',
    );
  },

  badRequest(log: Logger, status: number, code: string, field?: string) {
    log.info({ status, code, field }, 'request refused');
  },

  toolError(log: Logger, tool: string, err: unknown) {
    log.warn({ tool, err }, 'tool call failed');
  },

  internalError(log: Logger, err: unknown) {
    log.error({ err }, 'internal error answered with the state');
  },

  recordingFailed(log: Logger, file: string, err: unknown) {
    log.warn({ file, err }, 'turn recording not written');
  },

  duplicateAnswered(log: Logger) {
    log.info({}, 'duplicate turn answered with the first answer');
  },

  turnWaited(log: Logger, waitedMs: number) {
    log.debug({ waited_ms: waitedMs }, 'turn waited for an earlier turn');
  },

  callStateNotSaved(log: Logger) {
    log.warn({}, 'call state not saved: the call lock expired');
  },

  redisUnavailable(log: Logger, err: unknown) {
    log.warn({ err }, 'redis unavailable, answering from this process');
  },

  redisRecovered(log: Logger) {
    log.info({}, 'redis reachable again');
  },

  started(log: Logger, port: number, assistants: readonly string[]) {
    log.info({ port, assistants }, 'webhook listening');
  },

  stopping(log: Logger, signal: string, delayMs: number) {
    log.info({ signal, delay_ms: delayMs }, 'shutting down');
  },

  draining(log: Logger, turnsInFlight: number) {
    log.info({ turns_in_flight: turnsInFlight }, 'closing the server');
  },

  drainTimedOut(log: Logger, waitedMs: number) {
    log.warn({ waited_ms: waitedMs }, 'connections still open, closing them');
  },

  stopped(log: Logger) {
    log.info({}, 'stopped');
  },

  stopFailed(log: Logger, err: unknown) {
    log.error({ err }, 'could not stop cleanly');
  },

  tracingStarted(log: Logger, endpoint: string) {
    log.info({ endpoint }, 'exporting traces');
  },

  tracingFailed(log: Logger, err: unknown) {
    log.warn({ err }, 'could not export traces');
  },

  envFileLoaded(log: Logger, file: string, variables: readonly string[]) {
    log.debug({ file, variables }, 'environment file read');
  },

  startFailed(log: Logger, err: unknown) {
    // A setting to fix is news for a person, not a bug: its message alone,
    // in the line's own text, where the first look at a terminal finds it.
    if (err instanceof ConfigError) {
      log.fatal({ code: err.code }, `could not start: ${err.message}`);
      return;
    }
    log.fatal({ err }, 'could not start');
  },
};
