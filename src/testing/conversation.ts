import type { State } from '../assistants/tool.js';
import type { ContextMessage } from '../turn/turn-types.js';
import type { ToolCallReport } from './turn-report.js';
import type { WebhookTarget } from './webhook-target.js';

export type ConversationOptions = Readonly<{
  callId?: string;
  assistantId?: string;
  state?: State;
  /** When the first utterance was captured; each turn comes 5 s later. */
  startedAt?: string;
}>;

/** What one turn of a conversation showed. */
export type TurnOutcome = Readonly<{
  /** 1 for the first turn of the call. */
  turn: number;
  utterance: string;
  status: number;
  /** Absent when the webhook left the answer to the platform's agent. */
  reply?: string;
  stateBefore: State;
  state: State;
  /** Empty for a remote webhook, which shows only its answer. */
  toolCalls: readonly ToolCallReport[];
  /** Why the turn fell back, when it did (in-process webhooks only). */
  fallback?: Readonly<{ reason: string; detail: string }>;
  /** The error body of a refused request (a 4xx). */
  error?: unknown;
  elapsedMs: number;
}>;

const TURN_SPACING_MS = 5000;

/**
 * One phone call played against a webhook, the way the platform plays it:
 * one call id, the state each answer returned sent with the next utterance,
 * and the dialogue so far as context.
 */
export class Conversation {
  callId: string;
  assistantId: string;
  state: State;
  context: ContextMessage[] = [];
  turns = 0;
  readonly #target: WebhookTarget;
  readonly #startedAt: number;

  constructor(target: WebhookTarget, options: ConversationOptions = {}) {
    this.#target = target;
    this.callId = options.callId ?? newCallId();
    this.assistantId = options.assistantId ?? 'asst_test';
    this.state = { ...(options.state ?? {}) };
    this.#startedAt = Date.parse(options.startedAt ?? '2024-01-15T10:30:00Z');
  }

  /** Sends what the caller said and keeps the answer's state for the next. */
  async say(utterance: string): Promise<TurnOutcome> {
    this.turns += 1;
    const stateBefore = this.state;
    const posted = await this.#target.post(this.#request(utterance));
    const answer = readAnswer(posted.body);

    // A refused request has no state: the platform keeps the last one.
    if (posted.status === 200 && answer.state) this.state = answer.state;
    this.context.push({ role: 'user', content: utterance });
    if (answer.reply !== undefined)
      this.context.push({ role: 'assistant', content: answer.reply });

    return {
      turn: this.turns,
      utterance,
      status: posted.status,
      ...(answer.reply !== undefined ? { reply: answer.reply } : {}),
      stateBefore,
      state: this.state,
      toolCalls: posted.report?.toolCalls ?? [],
      ...(posted.report?.summary.fallback
        ? { fallback: posted.report.summary.fallback }
        : {}),
      ...(posted.status === 200 ? {} : { error: posted.body }),
      elapsedMs: posted.elapsedMs,
    };
  }

  /**
   * Goes on under a new call id, state and context kept: the webhook's
   * memory of the old call then no longer overrides a state edited by hand.
   */
  newCallId(): void {
    this.callId = newCallId();
  }

  /** Starts a new call: new id, empty state and context. */
  reset(state: State = {}): void {
    this.callId = newCallId();
    this.state = { ...state };
    this.context = [];
    this.turns = 0;
  }

  #request(utterance: string) {
    const at = this.#startedAt + (this.turns - 1) * TURN_SPACING_MS;
    return {
      call_id: this.callId,
      assistant_id: this.assistantId,
      utterance,
      state: this.state,
      context: this.context,
      timestamp: new Date(at).toISOString(),
    };
  }
}

function readAnswer(body: unknown): { reply?: string; state?: State } {
  if (typeof body !== 'object' || body === null) return {};

  const { reply, state } = body as { reply?: unknown; state?: unknown };
  return {
    ...(typeof reply === 'string' ? { reply } : {}),
    ...(isState(state) ? { state } : {}),
  };
}

function isState(value: unknown): value is State {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let calls = 0;

function newCallId(): string {
  calls += 1;
  return `call_dev_${process.pid}_${calls}`;
}
