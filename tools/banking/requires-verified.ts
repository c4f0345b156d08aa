import type { State } from '../../src/assistants/tool.js';

/** The reason a banking tool gives while the caller is not verified. */
export const NOT_VERIFIED =
  'The caller is not verified yet: call verify_identity with their ' +
  'account number and pin first.';

/** The verified caller's customer id, or `undefined` before verification. */
export function verifiedCustomerId(state: Readonly<State>): string | undefined {
  if (state.authenticated !== true) return undefined;

  const userId = state.userId;
  return typeof userId === 'string' && userId !== '' ? userId : undefined;
}

/** A tool's `requires`: refuses until verify_identity verified the caller. */
export function requiresVerified(state: Readonly<State>): string | undefined {
  return verifiedCustomerId(state) === undefined ? NOT_VERIFIED : undefined;
}
