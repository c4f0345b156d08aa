import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  turnRecordingSchema,
  type ModelExchange,
  type TurnRecording,
} from '../record/turn-recording.js';
import { Conversation, type TurnOutcome } from './conversation.js';
import { recordedExpectation } from './recorded-expectation.js';
import type { ScriptedModel, ScriptedStep } from './scripted-model.js';
import { compareTurn } from './turn-expectation.js';
import type { WebhookTarget } from './webhook-target.js';

/** A recorded turn run again, and how the current code's turn differed. */
export type ReplayedRecording = Readonly<{
  recording: TurnRecording;
  outcome: TurnOutcome;
  /** One line per difference; empty when the turn went as recorded. */
  differences: readonly string[];
}>;

/**
 * Sends a recorded request to the webhook again, the model answering each
 * call with the recorded response, byte for byte through the real SDK. The
 * tools run for real, against the current code and bank.
 */
export async function replayRecording(
  recording: TurnRecording,
  webhook: WebhookTarget,
  model: ScriptedModel,
): Promise<ReplayedRecording> {
  const { request } = recording;
  model.reset();
  model.script(...recording.model_calls.map(recordedStep));

  const conversation = new Conversation(webhook, {
    callId: request.call_id,
    assistantId: request.assistant_id,
    state: request.state as Conversation['state'],
    startedAt: request.timestamp,
  });
  conversation.context = request.context.flatMap((line) =>
    line.role === 'user' || line.role === 'assistant'
      ? [{ role: line.role, content: line.content }]
      : [],
  );
  const outcome = await conversation.say(request.utterance);

  const differences = [
    ...modelCallDifferences(model, recording),
    ...compareTurn(outcome, recordedExpectation(recording)),
    ...newStateKeys(outcome, recording),
  ];
  model.reset();
  return { recording, outcome, differences };
}

// A call that got no answer is replayed as one that never answers: the
// budget decides, as it did then.
function recordedStep(exchange: ModelExchange): ScriptedStep {
  if (exchange.response === undefined || exchange.status === undefined)
    return { hang: true };
  return { body: exchange.response, status: exchange.status };
}

function modelCallDifferences(
  model: ScriptedModel,
  recording: TurnRecording,
): string[] {
  const recorded = recording.model_calls.length;
  const made = model.requests.length;
  if (made === recorded) return [];

  // Requests, not steps: a retried call counts each time it was sent.
  return [
    made > recorded
      ? `model requests: the recording has ${recorded}, the replay sent ` +
        `${made}; those past the recording got no answer`
      : `model requests: the recording has ${recorded}, the replay sent ${made}`,
  ];
}

function newStateKeys(outcome: TurnOutcome, recording: TurnRecording) {
  return Object.keys(outcome.state)
    .filter((key) => !(key in recording.answer.state))
    .map(
      (key) =>
        `state.${key}: not in the recorded answer, now ` +
        JSON.stringify(outcome.state[key]),
    );
}

/** A recording file that cannot be read, naming it and what is wrong. */
export class RecordingFileError extends Error {
  readonly code = 'invalid_recording';

  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'RecordingFileError';
  }
}

/** Reads and checks one recording file. */
export async function readRecording(file: string): Promise<TurnRecording> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error: unknown) {
    throw new RecordingFileError(file, `not a JSON file: ${String(error)}`);
  }

  const parsed = turnRecordingSchema.safeParse(data);
  if (!parsed.success)
    throw new RecordingFileError(file, z.prettifyError(parsed.error));
  return parsed.data;
}

/** The recording files a path names: the file, or a folder's `.json` files. */
export async function recordingFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];

  const names = (await readdir(path)).filter((name) => name.endsWith('.json'));
  return names.sort().map((name) => join(path, name));
}
