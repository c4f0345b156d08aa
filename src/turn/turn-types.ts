import type { State } from '../assistants/tool.js';
import type { FallbackReason } from './turn-failure.js';

/** One line of the recent dialogue the platform sends along. */
export type ContextMessage = Readonly<{
  role: 'user' | 'assistant';
  content: string;
}>;

/** One turn as the platform asked for it, already validated. */
export type TurnInput = Readonly<{
  callId: string;
  assistantId: string;
  utterance: string;
  state: State;
  context: readonly ContextMessage[];
  timestamp: string;
}>;

/** What the webhook answers: a reply or none, and the whole next state. */
export type TurnResult = Readonly<{
  reply?: string;
  state: State;
  summary: TurnSummary;
}>;

/** A tool call as the model asked for it, with an id unique in the turn. */
export type ToolCall = Readonly<{
  id: string;
  name: string;
  arguments: string;
}>;

/** The conversation as the engine keeps it, independent of any SDK. */
export type ChatMessage =
  | Readonly<{ role: 'system' | 'user'; content: string }>
  | Readonly<{
      role: 'assistant';
      content: string | null;
      toolCalls?: ToolCall[];
    }>
  | Readonly<{ role: 'tool'; toolCallId: string; content: string }>;

export type ModelCallRecord = {
  step: number;
  durationMs: number;
  finishReason?: string;
  tokensIn?: number;
  tokensOut?: number;
  cachedTokens?: number;
  error?: string;
};

export type ToolCallOutcome =
  | 'ok'
  | 'unknown_tool'
  | 'invalid_arguments'
  | 'not_allowed'
  | 'failed'
  | 'timeout'
  | 'aborted';

export type ToolCallRecord = {
  name: string;
  outcome: ToolCallOutcome;
  durationMs: number;
};

/** Everything a person debugging a call needs, without any personal data. */
export type TurnSummary = {
  assistant: string;
  durationMs: number;
  steps: number;
  modelCalls: ModelCallRecord[];
  toolCalls: ToolCallRecord[];
  replied: boolean;
  fallback?: Readonly<{ reason: FallbackReason; detail: string }>;
};
