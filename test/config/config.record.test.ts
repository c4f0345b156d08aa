import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('loadConfig for recordings', () => {
  it('reads RECORD_DIR', () => {
    expect(loadConfig({ RECORD_DIR: 'recordings' }).recordDir).toBe(
      'recordings',
    );
  });

  it('records nothing when RECORD_DIR is unset', () => {
    expect(loadConfig({}).recordDir).toBeUndefined();
  });
});
