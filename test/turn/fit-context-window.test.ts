import { describe, expect, it } from 'vitest';
import {
  estimateTokens,
  fitContextWindow,
} from '../../src/turn/fit-context-window.js';
import type { ChatMessage } from '../../src/turn/turn-types.js';
import { testAssistant } from '../support/test-assistant.js';

const assistant = testAssistant();
const line = (role: 'user' | 'assistant', name: string): ChatMessage => ({
  role,
  content: `${name} `.repeat(100),
});
const messages: ChatMessage[] = [
  { role: 'system', content: 'prompt' },
  { role: 'system', content: 'state' },
  line('user', 'oldest'),
  line('assistant', 'middle'),
  line('user', 'newest'),
  { role: 'user', content: 'the utterance' },
];
const fixed = estimateTokens(
  JSON.stringify(assistant.toolSpecs) +
    JSON.stringify(assistant.outputJsonSchema),
);

describe('fitContextWindow', () => {
  it('estimates a token as four characters', () => {
    expect(estimateTokens('x'.repeat(400))).toBe(100);
  });

  it('keeps every message when the estimate fits', () => {
    expect(fitContextWindow(assistant, messages, 1_000_000)).toEqual(messages);
  });

  it('drops the oldest context lines first until the estimate fits', () => {
    // Room for the fixed parts and about two of the three context lines.
    const max = fixed + 10 + 2 * 200;

    const fitted = fitContextWindow(assistant, messages, max);

    expect(fitted.map((m) => m.content?.slice(0, 6))).toEqual([
      'prompt',
      'state',
      'middle',
      'newest',
      'the ut',
    ]);
  });

  it('keeps the prompt, the state and the utterance however small the window', () => {
    const fitted = fitContextWindow(assistant, messages, 1);

    expect(fitted.map((m) => m.content)).toEqual([
      'prompt',
      'state',
      'the utterance',
    ]);
  });
});
