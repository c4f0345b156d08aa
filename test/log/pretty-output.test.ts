import { describe, expect, it } from 'vitest';
import { wantsPrettyOutput } from '../../src/log/pretty-output.js';

describe('wantsPrettyOutput', () => {
  it('prints for a person when stdout is a terminal', () => {
    expect(wantsPrettyOutput({ isTTY: true })).toBe(true);
  });

  it('writes json lines when stdout is a pipe or a file', () => {
    expect(wantsPrettyOutput({ isTTY: false })).toBe(false);
    expect(wantsPrettyOutput({})).toBe(false);
  });
});
