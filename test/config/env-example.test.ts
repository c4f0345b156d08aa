import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/config.js';

const example = parseEnv(readFileSync('.env.example', 'utf8'));

describe('.env.example', () => {
  it('lists every variable the configuration reads, and no other', () => {
    expect(Object.keys(example).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('gives each variable its default value', () => {
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });
});
