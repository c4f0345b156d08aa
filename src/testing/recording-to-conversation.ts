import { stringify } from 'yaml';
import type { ModelExchange, TurnRecording } from '../record/turn-recording.js';
import type { ModelStepData } from './conversation-file.js';
import { recordedExpectation } from './recorded-expectation.js';

/**
 * A recorded turn as a conversation file (YAML): its state and utterance,
 * the model's recorded answers as scripted steps, and what the turn did as
 * the expectation. Edit the expectation to what the turn should have done,
 * and it is a test.
 */
export function recordingToConversation(
  recording: TurnRecording,
  name = `recorded call ${recording.request.call_id}`,
): string {
  const { request } = recording;
  const conversation = {
    name,
    assistant: request.assistant_id,
    state: request.state,
    turns: [
      {
        say: request.utterance,
        model: recording.model_calls.map(modelStep),
        expect: recordedExpectation(recording),
      },
    ],
  };

  const header =
    `# Recorded ${recording.recorded_at}` +
    (recording.content === 'masked'
      ? ' without content: placeholders stand for what was said.\n'
      : '.\n');
  return header + stringify(conversation, { lineWidth: 0 });
}

/** A recorded model answer in a conversation file's own words, when it has them. */
function modelStep(exchange: ModelExchange): ModelStepData {
  if (exchange.response === undefined || exchange.status === undefined)
    return { hang: true };

  const message = firstMessage(exchange.response);
  if (exchange.status !== 200 || !message)
    return { status: exchange.status, body: exchange.response };

  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  if (calls.length > 0) {
    const tools = calls.map((call: unknown) => {
      const fn = (
        call as { function?: { name?: unknown; arguments?: unknown } }
      )?.function;
      return {
        name: String(fn?.name ?? ''),
        args: parseJson(fn?.arguments) ?? fn?.arguments,
      };
    });
    return { tools };
  }
  if (typeof message.refusal === 'string') return { refusal: message.refusal };

  const output = parseJson(message.content);
  if (isOutput(output)) return { reply: output.reply, state: output.state };
  return { content: String(message.content ?? '') };
}

function firstMessage(body: unknown): Record<string, any> | undefined {
  const choices = (body as { choices?: unknown })?.choices;
  const first = Array.isArray(choices) ? choices[0] : undefined;
  return typeof first?.message === 'object' ? first.message : undefined;
}

function isOutput(
  value: unknown,
): value is { reply: string | null; state: Record<string, unknown> } {
  const { reply, state } = (value ?? {}) as Record<string, unknown>;
  return (
    (typeof reply === 'string' || reply === null) &&
    typeof state === 'object' &&
    state !== null &&
    !Array.isArray(state)
  );
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
