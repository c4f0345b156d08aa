import { describe, expect, it } from 'vitest';
import { combineObservers } from '../../src/turn/turn-observer.js';
import type { ToolCallEvent } from '../../src/turn/turn-observer.js';

const event = {
  call: { id: 'call_1', name: 'echo', arguments: '{}' },
  record: { name: 'echo', outcome: 'ok', durationMs: 1 },
  result: { outcome: 'ok', content: '{}' },
} satisfies ToolCallEvent;

describe('combineObservers', () => {
  it('gives each event to every observer', () => {
    const seen: string[] = [];

    combineObservers(
      { toolCall: () => seen.push('first') },
      { toolCall: () => seen.push('second') },
    ).toolCall?.(event);

    expect(seen).toEqual(['first', 'second']);
  });

  it('keeps a throwing observer from stopping the others or the turn', () => {
    const seen: string[] = [];
    const combined = combineObservers(
      {
        toolCall: () => {
          throw new Error('observer bug');
        },
      },
      { toolCall: () => seen.push('after') },
    );

    expect(() => combined.toolCall?.(event)).not.toThrow();
    expect(seen).toEqual(['after']);
  });
});
