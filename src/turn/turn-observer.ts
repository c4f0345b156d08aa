import type { ModelRequest, ModelResponse } from './call-model.js';
import type { ToolCallResult } from './run-tool-call.js';
import type {
  ModelCallRecord,
  ToolCall,
  ToolCallRecord,
} from './turn-types.js';

export type ModelCallEvent = Readonly<{
  record: ModelCallRecord;
  request: ModelRequest;
  response?: ModelResponse;
  error?: unknown;
}>;

export type ToolCallEvent = Readonly<{
  call: ToolCall;
  record: ToolCallRecord;
  result: ToolCallResult;
}>;

/**
 * Watches a turn as it runs, for logs, metrics, traces or recordings. An
 * observer only looks: what it does never changes the turn, and a throw
 * inside it is the observer's bug, kept away from the caller's answer.
 */
export type TurnObserver = Readonly<{
  modelCall?: (event: ModelCallEvent) => void;
  toolCall?: (event: ToolCallEvent) => void;
}>;

/** Several observers as one, each shielded from the others' failures. */
export function combineObservers(...observers: TurnObserver[]): TurnObserver {
  const each =
    <E>(pick: (o: TurnObserver) => ((event: E) => void) | undefined) =>
    (event: E) => {
      for (const observer of observers) {
        try {
          pick(observer)?.(event);
        } catch {
          // An observer must not break the turn it watches.
        }
      }
    };

  return {
    modelCall: each((o) => o.modelCall),
    toolCall: each((o) => o.toolCall),
  };
}
