import { describe, expect, it } from 'vitest';
import {
  NOT_VERIFIED,
  requiresVerified,
  verifiedCustomerId,
} from '../../../tools/banking/requires-verified.js';

describe('requiresVerified', () => {
  it('allows a caller verified with a customer id', () => {
    const state = { authenticated: true, userId: 'cust_amira' };

    expect(requiresVerified(state)).toBeUndefined();
  });

  it('refuses an empty state and names verify_identity', () => {
    const reason = requiresVerified({});

    expect(reason).toBe(NOT_VERIFIED);
    expect(reason).toContain('verify_identity');
  });

  it('refuses a user id without authenticated true', () => {
    expect(requiresVerified({ userId: 'cust_amira' })).toBe(NOT_VERIFIED);
    expect(
      requiresVerified({ authenticated: false, userId: 'cust_amira' }),
    ).toBe(NOT_VERIFIED);
  });

  it('refuses truthy look-alikes of authenticated', () => {
    const state = { authenticated: 'true', userId: 'cust_amira' };

    expect(requiresVerified(state)).toBe(NOT_VERIFIED);
  });

  it('refuses authenticated without a usable user id', () => {
    expect(requiresVerified({ authenticated: true })).toBe(NOT_VERIFIED);
    expect(requiresVerified({ authenticated: true, userId: 7 })).toBe(
      NOT_VERIFIED,
    );
    expect(requiresVerified({ authenticated: true, userId: '' })).toBe(
      NOT_VERIFIED,
    );
  });
});

describe('verifiedCustomerId', () => {
  it('gives the user id of a verified caller', () => {
    const state = { authenticated: true, userId: 'cust_amira' };

    expect(verifiedCustomerId(state)).toBe('cust_amira');
  });

  it('gives nothing before verification', () => {
    expect(verifiedCustomerId({ userId: 'cust_amira' })).toBeUndefined();
  });
});
