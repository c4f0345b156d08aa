import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logEvents } from '../log/log-events.js';
import type { Logger } from '../log/logger.js';
import { toToolReport } from '../turn/tool-call-report.js';
import type { TurnWatcher } from '../turn/turn-watch.js';
import type { TurnInput, TurnResult } from '../turn/turn-types.js';
import { maskText, maskValue, maskWireMessage } from './content-mask.js';
import type {
  ModelExchange,
  RecordedToolCall,
  TurnRecording,
} from './turn-recording.js';

export type RecorderOptions = Readonly<{
  dir: string;
  /** Write utterances, tool data and replies as they are (LOG_CONTENT). */
  content: boolean;
  log: Logger;
}>;

/** Hooks that write every turn to a file of its own. */
export type TurnRecorder = Readonly<{
  watchTurn: TurnWatcher;
  /** The SDK's fetch, wrapped to keep the turn's wire exchanges. */
  fetch: typeof fetch;
  /** Resolves once every recording started so far is written. */
  flush: () => Promise<void>;
}>;

type Tape = {
  exchanges: Array<Promise<ModelExchange>>;
  toolCalls: RecordedToolCall[];
};

/**
 * Records each turn: the request, every model request and response as they
 * went over the wire (so a replay feeds the real SDK the same bytes), each
 * tool call, the answer and the timings. Request headers, and so keys, are
 * never kept. Writing happens after the answer and never fails the turn.
 */
export function createTurnRecorder(options: RecorderOptions): TurnRecorder {
  const tapes = new AsyncLocalStorage<Tape>();
  const writes = new Set<Promise<void>>();
  let sequence = 0;

  const recordingFetch: typeof fetch = async (input, init) => {
    const tape = tapes.getStore();
    if (!tape) return fetch(input, init);

    const started = performance.now();
    const sent = { path: pathOf(input), request: parseBody(init?.body) };
    const elapsed = () => Math.round(performance.now() - started);
    const answered = fetch(input, init);

    // Kept from the start, so a call the budget cut off is written too. This
    // reader is registered before the SDK's, so it copies the body first.
    tape.exchanges.push(
      answered.then(
        async (response): Promise<ModelExchange> => ({
          ...sent,
          status: response.status,
          ...(await readBody(response)),
          duration_ms: elapsed(),
        }),
        (error: unknown) => ({
          ...sent,
          error: error instanceof Error ? error.message : String(error),
          duration_ms: elapsed(),
        }),
      ),
    );
    return answered;
  };

  const watchTurn: TurnWatcher = (input) => {
    const tape: Tape = { exchanges: [], toolCalls: [] };
    return {
      observer: {
        toolCall: (event) => tape.toolCalls.push(recordTool(event)),
      },
      around: (turn) => tapes.run(tape, turn),
      finished: (result) => {
        sequence += 1;
        const file = join(options.dir, fileName(input, sequence));
        const write = writeRecording(file, input, result, tape, options);
        writes.add(write);
        void write.finally(() => writes.delete(write));
      },
    };
  };

  return {
    watchTurn,
    fetch: recordingFetch,
    flush: async () => {
      await Promise.allSettled([...writes]);
    },
  };
}

async function writeRecording(
  file: string,
  input: TurnInput,
  result: TurnResult,
  tape: Tape,
  options: RecorderOptions,
): Promise<void> {
  try {
    const exchanges = await Promise.all(tape.exchanges);
    const recording = buildRecording(input, result, exchanges, tape);
    const kept = options.content ? recording : maskRecording(recording);

    // Written aside, then renamed: a reader (npm run replay on the folder of
    // a running server) never sees a file half written.
    const partial = `${file}.partial`;
    await mkdir(options.dir, { recursive: true });
    await writeFile(partial, `${JSON.stringify(kept, null, 2)}\n`);
    await rename(partial, file);
  } catch (error: unknown) {
    logEvents.recordingFailed(options.log, file, error);
  }
}

function buildRecording(
  input: TurnInput,
  result: TurnResult,
  exchanges: ModelExchange[],
  tape: Tape,
): TurnRecording {
  const { summary } = result;
  return {
    version: 1,
    recorded_at: new Date().toISOString(),
    content: 'full',
    request: {
      call_id: input.callId,
      assistant_id: input.assistantId,
      utterance: input.utterance,
      state: input.state,
      context: [...input.context],
      timestamp: input.timestamp,
    },
    model_calls: exchanges,
    tool_calls: tape.toolCalls,
    answer: {
      ...(result.reply === undefined ? {} : { reply: result.reply }),
      state: result.state,
    },
    summary: {
      assistant: summary.assistant,
      duration_ms: summary.durationMs,
      steps: summary.steps,
      ...(summary.fallback ? { fallback: summary.fallback } : {}),
    },
  };
}

function maskRecording(recording: TurnRecording): TurnRecording {
  const { request, answer } = recording;
  return {
    ...recording,
    content: 'masked',
    request: {
      ...request,
      utterance: String(maskValue(request.utterance)),
      state: maskValue(request.state) as Record<string, unknown>,
      context: request.context.map((line) => ({
        role: line.role,
        content: String(maskValue(line.content)),
      })),
    },
    model_calls: recording.model_calls.map(maskExchange),
    tool_calls: recording.tool_calls.map((call) => ({
      ...call,
      arguments: maskValue(call.arguments),
      result: maskValue(call.result),
    })),
    answer: {
      ...(answer.reply === undefined
        ? {}
        : { reply: String(maskValue(answer.reply)) }),
      state: maskValue(answer.state) as Record<string, unknown>,
    },
  };
}

function maskExchange(exchange: ModelExchange): ModelExchange {
  return {
    ...exchange,
    request: mapMessages(exchange.request, 'messages', (messages) =>
      messages.map(maskWireMessage),
    ),
    response: mapMessages(exchange.response, 'choices', (choices) =>
      choices.map((choice) =>
        isRecord(choice.message)
          ? { ...choice, message: maskWireMessage(choice.message) }
          : choice,
      ),
    ),
  };
}

function mapMessages(
  body: unknown,
  key: string,
  map: (items: Array<Record<string, any>>) => unknown[],
): unknown {
  if (!isRecord(body) || !Array.isArray(body[key])) return maskText(body);
  return { ...body, [key]: map(body[key].filter(isRecord)) };
}

function recordTool(event: Parameters<typeof toToolReport>[0]) {
  const { durationMs, ...report } = toToolReport(event);
  return { ...report, duration_ms: durationMs };
}

// The SDK reads the original body; the copy is ours. A body cut off by the
// budget is recorded as such.
async function readBody(
  response: Response,
): Promise<Pick<ModelExchange, 'response' | 'error'>> {
  try {
    return { response: parseBody(await response.clone().text()) };
  } catch {
    return { error: 'the body did not arrive in full' };
  }
}

function pathOf(input: Parameters<typeof fetch>[0]): string {
  const url = input instanceof Request ? input.url : String(input);
  return new URL(url).pathname;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function fileName(input: TurnInput, sequence: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const call = input.callId.replace(/[^\w-]/g, '_').slice(0, 64);
  return `${stamp}_${call}_${sequence}.json`;
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
