import { describe, expect, it } from 'vitest';
import { runWatched } from '../../src/turn/turn-watch.js';
import type { TurnInput, TurnResult } from '../../src/turn/turn-types.js';

const input = { callId: 'call_1' } as TurnInput;
const result = { state: { kept: true } } as unknown as TurnResult;

describe('runWatched', () => {
  it('runs the turn inside the watch and hands it the result', async () => {
    const seen: string[] = [];

    const answer = await runWatched(
      () => ({
        around: async (turn) => {
          seen.push('around');
          return turn();
        },
        finished: (done) => seen.push(`finished ${JSON.stringify(done.state)}`),
      }),
      input,
      async () => result,
    );

    expect(answer).toBe(result);
    expect(seen).toEqual(['around', 'finished {"kept":true}']);
  });

  it('runs the turn unwatched when the watcher throws', async () => {
    const answer = await runWatched(
      () => {
        throw new Error('watcher bug');
      },
      input,
      async () => result,
    );

    expect(answer).toBe(result);
  });

  it('answers even when the watch throws once the turn is over', async () => {
    const answer = await runWatched(
      () => ({
        finished: () => {
          throw new Error('watch bug');
        },
      }),
      input,
      async () => result,
    );

    expect(answer).toBe(result);
  });
});
