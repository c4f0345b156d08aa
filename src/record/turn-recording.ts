import { z } from 'zod';

const json = z.record(z.string(), z.unknown());

const modelExchange = z.object({
  /** The path called, never the host's credentials or query. */
  path: z.string(),
  request: z.unknown(),
  status: z.number().int().optional(),
  response: z.unknown().optional(),
  /** Why no answer arrived: a network error, an abort. */
  error: z.string().optional(),
  duration_ms: z.number(),
});

const toolCall = z.object({
  name: z.string(),
  arguments: z.unknown(),
  outcome: z.string(),
  result: z.unknown(),
  duration_ms: z.number(),
});

/** One turn as the recorder writes it and the replay reads it. */
export const turnRecordingSchema = z.object({
  version: z.literal(1),
  recorded_at: z.string(),
  /** `masked`: personal data replaced with placeholders of the same shape. */
  content: z.enum(['full', 'masked']),
  request: z.object({
    call_id: z.string(),
    assistant_id: z.string(),
    utterance: z.string(),
    state: json,
    context: z.array(z.object({ role: z.string(), content: z.string() })),
    timestamp: z.string(),
  }),
  model_calls: z.array(modelExchange),
  tool_calls: z.array(toolCall),
  answer: z.object({ reply: z.string().optional(), state: json }),
  summary: z.object({
    assistant: z.string(),
    duration_ms: z.number(),
    steps: z.number(),
    fallback: z.object({ reason: z.string(), detail: z.string() }).optional(),
  }),
});

export type TurnRecording = z.output<typeof turnRecordingSchema>;
export type ModelExchange = z.output<typeof modelExchange>;
export type RecordedToolCall = z.output<typeof toolCall>;
