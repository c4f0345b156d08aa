import {
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { modelCallLine, toolCallLine } from '../log/turn-line.js';
import type { TurnObserver } from '../turn/turn-observer.js';
import type { TurnSummary } from '../turn/turn-types.js';

export const TRACER_NAME = 'aployee-webhook';

/** Who asked for the turn, as the request's log context names them. */
export type TurnTraceContext = Readonly<{
  request_id: string;
  call_id: string;
  assistant_id: string;
}>;

/** One turn's spans: feed `observer` to the turn, then `end` it once. */
export type TurnTrace = Readonly<{
  observer: TurnObserver;
  end: (summary?: TurnSummary) => void;
}>;

/**
 * Spans for a turn, each model call and each tool call, carrying the fields
 * of the turn's log line. With no tracer provider registered the API hands
 * out a no-op span, and the turn is watched by no one.
 */
export class TurnTracing {
  constructor(private readonly tracer: Tracer = trace.getTracer(TRACER_NAME)) {}

  /**
   * Starts the turn's span at `startedAt` (performance.now() of the request's
   * arrival), as a child of the caller's trace when its headers carry one.
   */
  startTurn(
    who: TurnTraceContext,
    startedAt: number,
    headers: Record<string, unknown> = {},
  ): TurnTrace {
    const parent = propagation.extract(ROOT_CONTEXT, headers);
    const span = this.tracer.startSpan(
      'turn',
      { kind: SpanKind.SERVER, attributes: who, startTime: toEpoch(startedAt) },
      parent,
    );
    // No tracer provider, or a sampler that said no: nothing to record, so
    // the turn is spared building attributes for spans that go nowhere.
    if (!span.isRecording()) return NOT_TRACED;

    const inTurn = trace.setSpan(parent, span);
    let ended = false;

    return {
      observer: {
        modelCall: ({ record, request }) => {
          const attributes = {
            ...modelCallLine(record),
            model: request.assistant.model,
          };
          this.childSpan(inTurn, 'model call', record, attributes);
        },
        toolCall: ({ record }) => {
          this.childSpan(inTurn, 'tool call', record, toolCallLine(record));
        },
      },
      end: (summary) => {
        if (ended) return;
        ended = true;
        endTurnSpan(span, summary);
      },
    };
  }

  // Observers hear of a call when it is over, so its span is written whole:
  // it started `durationMs` before now.
  private childSpan(
    parent: Context,
    name: string,
    record: { durationMs: number; error?: string; outcome?: string },
    attributes: Attributes,
  ) {
    const endTime = toEpoch(performance.now());
    const span = this.tracer.startSpan(
      name,
      {
        kind: name === 'model call' ? SpanKind.CLIENT : SpanKind.INTERNAL,
        attributes,
        startTime: endTime - record.durationMs,
      },
      parent,
    );
    const failed =
      record.error ?? (record.outcome === 'ok' ? undefined : record.outcome);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: failed });
    span.end(endTime);
  }
}

const NOT_TRACED: TurnTrace = { observer: {}, end: () => {} };

function endTurnSpan(span: Span, summary?: TurnSummary) {
  if (!summary) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'internal' });
    span.end();
    return;
  }

  span.setAttributes({
    assistant: summary.assistant,
    duration_ms: summary.durationMs,
    steps: summary.steps,
    replied: summary.replied,
  });
  if (summary.fallback) {
    span.setAttributes({
      'fallback.reason': summary.fallback.reason,
      'fallback.detail': summary.fallback.detail,
    });
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: summary.fallback.reason,
    });
  }
  span.end();
}

function toEpoch(monotonicMs: number): number {
  return performance.timeOrigin + monotonicMs;
}
