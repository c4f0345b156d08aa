import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  contentCompletion,
  refusalCompletion,
  toolCallsCompletion,
  type WireToolCall,
} from './openai-wire.js';

/** One scripted answer of the model to one Chat Completions request. */
export type ScriptedStep = Readonly<
  (
    | { toolCalls: readonly WireToolCall[] }
    | { output: { reply: string | null; state?: Record<string, unknown> } }
    | { content: string; finishReason?: string }
    | { refusal: string }
    | { body: unknown; status?: number; headers?: Record<string, string> }
    | { stall: true }
    | { hang: true }
  ) & { delayMs?: number }
>;

/** A step may be decided from the request, to follow what tools returned. */
export type ScriptEntry =
  ScriptedStep | ((request: ModelRequestBody) => ScriptedStep);

/** The parsed JSON body of one request the SDK sent. */
export type ModelRequestBody = Readonly<{
  model: string;
  messages: ReadonlyArray<Record<string, unknown> & { role: string }>;
  tools?: ReadonlyArray<{ function: { name: string } }>;
  tool_choice?: string;
  response_format?: unknown;
}> &
  Record<string, unknown>;

/**
 * A model that answers Chat Completions requests from a script, mocked at the
 * HTTP level with msw so the real SDK runs end to end. Steps are used in
 * order, one per request; a request nobody scripted is answered with HTTP 500
 * and reported by `assertDone()`.
 */
export class ScriptedModel {
  readonly requests: ModelRequestBody[] = [];
  readonly #script: ScriptEntry[] = [];
  readonly #unscripted: number[] = [];
  readonly #server: ReturnType<typeof setupServer>;

  constructor() {
    this.#server = setupServer(
      http.post('*/chat/completions', async ({ request }) =>
        this.#answer(request),
      ),
    );
  }

  /** Starts intercepting. Requests to other hosts (the webhook) pass. */
  listen(): this {
    this.#server.listen({ onUnhandledRequest: 'bypass' });
    return this;
  }

  close(): void {
    this.#server.close();
  }

  /** Appends steps to the script. */
  script(...entries: ScriptEntry[]): this {
    this.#script.push(...entries);
    return this;
  }

  /** Forgets the script and the requests, between tests. */
  reset(): void {
    this.#script.length = 0;
    this.requests.length = 0;
    this.#unscripted.length = 0;
  }

  /** Throws when a scripted step was never used or a call was not scripted. */
  assertDone(): void {
    const problems: string[] = [];
    if (this.#script.length > 0) {
      problems.push(`${this.#script.length} scripted step(s) never used`);
    }
    for (const n of this.#unscripted) {
      problems.push(`model call #${n} had no scripted step`);
    }
    if (problems.length > 0)
      throw new Error(`scripted model: ${problems.join('; ')}`);
  }

  async #answer(request: Request): Promise<Response> {
    const body = (await request.json()) as ModelRequestBody;
    this.requests.push(body);

    const entry = this.#script.shift();
    if (!entry) {
      this.#unscripted.push(this.requests.length);
      return HttpResponse.json(
        {
          error: {
            message: `no scripted step for model call #${this.requests.length}`,
          },
        },
        { status: 500 },
      );
    }

    const step = typeof entry === 'function' ? entry(body) : entry;
    if (step.delayMs) await delay(step.delayMs);
    return respond(step);
  }
}

async function respond(step: ScriptedStep): Promise<Response> {
  if ('hang' in step) {
    await delay('infinite');
    return new Response(null, { status: 504 });
  }
  if ('stall' in step) return stalledResponse();
  if ('toolCalls' in step)
    return HttpResponse.json(toolCallsCompletion(step.toolCalls));
  if ('output' in step) {
    const output = { reply: step.output.reply, state: step.output.state ?? {} };
    return HttpResponse.json(contentCompletion(JSON.stringify(output)));
  }
  if ('content' in step) {
    return HttpResponse.json(
      contentCompletion(step.content, step.finishReason),
    );
  }
  if ('refusal' in step)
    return HttpResponse.json(refusalCompletion(step.refusal));

  return HttpResponse.json(step.body as Record<string, unknown>, {
    status: step.status ?? 200,
    headers: step.headers,
  });
}

// Headers and the first bytes arrive, the rest never does: the SDK must give
// up reading the body when the turn's budget runs out.
function stalledResponse(): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        new TextEncoder().encode('{"id":"chatcmpl-stalled","choices":['),
      );
    },
  });
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
