// A high surrogate not followed by a low one, or a low one without a high
// one before it: half of a character, as left by cutting an emoji in two.
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with every lone surrogate replaced by U+FFFD. Such text cannot be
 * encoded as UTF-8, and providers reject a request that carries it.
 */
export function safeUnicode(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
