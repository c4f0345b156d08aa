import { describe, expect, it } from 'vitest';
import { safeUnicode } from '../../src/turn/safe-unicode.js';

describe('safeUnicode', () => {
  it('replaces a high surrogate left at the end by a cut emoji', () => {
    const cut = 'Send it 😀'.slice(0, -1);

    expect(safeUnicode(cut)).toBe('Send it \uFFFD');
  });

  it('replaces a low surrogate with no high one before it', () => {
    expect(safeUnicode('a\uDE00b')).toBe('a\uFFFDb');
  });

  it('replaces two high surrogates in a row one by one', () => {
    expect(safeUnicode('\uD83D\uD83D')).toBe('\uFFFD\uFFFD');
  });

  it('keeps whole emoji and other scripts as they are', () => {
    const text = 'Überweisung 😀 تحويل 转账 🇩🇪';

    expect(safeUnicode(text)).toBe(text);
  });
});
