import { createHash } from 'node:crypto';

const HASHED_BYTES = 1024;
const SYSTEM_MESSAGE = '"role":"system","content":"';

/** How alike the model requests were at their start, over one run. */
export type PrefixSummary = Readonly<{
  requests: number;
  /** Distinct SHA-256 hashes of the first 1024 bytes. */
  distinctHashes: number;
  /** Bytes every request shares with the first one. */
  stableBytes: number;
  /** Where the first system message (the prompt) ends in the first request. */
  promptEndsAt: number;
}>;

/**
 * Watches the request bodies a model server receives and reports how many
 * leading bytes stay identical, the part a provider's prompt cache can reuse.
 */
export class PrefixTracker {
  #first: string | undefined;
  #stable = 0;
  #count = 0;
  readonly #hashes = new Set<string>();

  add(body: string): void {
    this.#count += 1;
    this.#hashes.add(
      createHash('sha256').update(body.slice(0, HASHED_BYTES)).digest('hex'),
    );
    if (this.#first === undefined) {
      this.#first = body;
      this.#stable = body.length;
      return;
    }
    this.#stable = commonLength(this.#first, body, this.#stable);
  }

  summary(): PrefixSummary {
    return {
      requests: this.#count,
      distinctHashes: this.#hashes.size,
      stableBytes: this.#stable,
      promptEndsAt: promptEnd(this.#first ?? ''),
    };
  }
}

function commonLength(a: string, b: string, atMost: number): number {
  const limit = Math.min(atMost, a.length, b.length);
  for (let i = 0; i < limit; i++) if (a[i] !== b[i]) return i;
  return limit;
}

function promptEnd(body: string): number {
  const start = body.indexOf(SYSTEM_MESSAGE);
  if (start < 0) return 0;

  for (let i = start + SYSTEM_MESSAGE.length; i < body.length; i++) {
    if (body[i] === '\\') i += 1;
    else if (body[i] === '"') return i + 1;
  }
  return 0;
}
