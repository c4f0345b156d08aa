import type { WireBehaviour } from '../src/testing/wire-model-server.js';

/**
 * A model provider that is sick in a repeatable way: half its answers are
 * errors (500, 502, 503 or 429, after up to half a second), a quarter come
 * after up to 2.5 s, a quarter never come. The same seed, the same sickness.
 */
export function sickProvider(seed: number): (index: number) => WireBehaviour {
  const random = mulberry32(seed);
  return () => {
    const roll = random();
    const delayMs = Math.round(random() * 2500);
    if (roll < 0.5) {
      const status = [500, 502, 503, 429][Math.floor(random() * 4)] ?? 500;
      return { kind: 'fail', status, delayMs: delayMs / 5 };
    }
    if (roll < 0.75) return { kind: 'answer', delayMs };
    return { kind: 'hang' };
  };
}

// A small seeded generator (mulberry32).
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
