import { describe, expect, it } from 'vitest';
import {
  formatDecimal,
  formatSpoken,
  parseCents,
} from '../../../tools/banking/money.js';

describe('parseCents', () => {
  it('reads a decimal string as whole cents', () => {
    expect(parseCents('5118.77')).toBe(511877);
  });

  it('reads whole dollars and one decimal', () => {
    expect(parseCents('1630')).toBe(163000);
    expect(parseCents('1630.5')).toBe(163050);
  });

  it('reads numbers without float error', () => {
    expect(parseCents(1630.5)).toBe(163050);
    expect(parseCents(0.29)).toBe(29);
    expect(parseCents(1.15)).toBe(115);
  });

  it('reads zero as zero cents', () => {
    expect(parseCents('0.00')).toBe(0);
  });

  it('refuses more than two decimals', () => {
    expect(parseCents('5.123')).toBeUndefined();
    expect(parseCents(5.123)).toBeUndefined();
  });

  it('refuses a float that carries rounding error', () => {
    expect(parseCents(0.1 + 0.2)).toBeUndefined();
  });

  it('refuses negative amounts', () => {
    expect(parseCents('-5.00')).toBeUndefined();
    expect(parseCents(-5)).toBeUndefined();
  });

  it('refuses not-a-number, infinity and text', () => {
    expect(parseCents(Number.NaN)).toBeUndefined();
    expect(parseCents(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parseCents('abc')).toBeUndefined();
    expect(parseCents('')).toBeUndefined();
  });

  it('refuses exponents, commas and a bare dot', () => {
    expect(parseCents(1e21)).toBeUndefined();
    expect(parseCents('1e3')).toBeUndefined();
    expect(parseCents('1,630.00')).toBeUndefined();
    expect(parseCents('5.')).toBeUndefined();
  });

  it('refuses amounts too large to count exactly', () => {
    expect(parseCents('90071992547409.93')).toBeUndefined();
  });
});

describe('formatDecimal', () => {
  it('always writes two decimals', () => {
    expect(formatDecimal(163000)).toBe('1630.00');
    expect(formatDecimal(511877)).toBe('5118.77');
    expect(formatDecimal(5)).toBe('0.05');
  });
});

describe('formatSpoken', () => {
  it('groups thousands and keeps cents', () => {
    expect(formatSpoken(511877)).toBe('$5,118.77');
    expect(formatSpoken(163050)).toBe('$1,630.50');
  });

  it('drops the cents of whole dollars', () => {
    expect(formatSpoken(163000)).toBe('$1,630');
    expect(formatSpoken(123456789900)).toBe('$1,234,567,899');
  });

  it('writes small amounts with a leading zero', () => {
    expect(formatSpoken(7)).toBe('$0.07');
    expect(formatSpoken(0)).toBe('$0');
  });

  it('refuses cents that are not whole', () => {
    expect(() => formatSpoken(1.5)).toThrow(RangeError);
  });
});
