// Whole dollars, then at most two decimals; no sign, no exponent, no commas.
const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Reads an amount like `"5118.77"` or `1630.5` as whole cents, or gives
 * `undefined` when it is negative, not finite or has more than two decimals.
 */
export function parseCents(value: string | number): number | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;

  // A number goes through its shortest decimal form, so 0.1 + 0.2 shows its
  // float error and is refused rather than silently rounded.
  const match = DECIMAL.exec(String(value).trim());
  if (!match) return undefined;

  const dollars = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const cents = dollars * 100 + fraction;
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** Writes cents as a plain decimal string with two places: `"1630.00"`. */
export function formatDecimal(cents: number): string {
  const { sign, dollars, rest } = split(cents);
  return `${sign}${dollars}.${String(rest).padStart(2, '0')}`;
}

/**
 * Writes cents the way a person says them: `$5,118.77`, and `$1,630` for
 * whole dollars.
 */
export function formatSpoken(cents: number): string {
  const { sign, dollars, rest } = split(cents);
  const grouped = String(dollars).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (rest === 0) return `${sign}$${grouped}`;

  return `${sign}$${grouped}.${String(rest).padStart(2, '0')}`;
}

function split(cents: number) {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`expected a whole number of cents, got ${cents}`);
  }

  const size = Math.abs(cents);
  const rest = size % 100;
  return { sign: cents < 0 ? '-' : '', dollars: (size - rest) / 100, rest };
}
