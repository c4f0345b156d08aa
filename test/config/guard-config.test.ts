import { describe, expect, it } from 'vitest';
import {
  assertAuthConfigured,
  ConfigError,
  loadConfig,
} from '../../src/config/config.js';

const SECRET = 'whsec_dGVzdC1zaWduaW5nLXNlY3JldC0wMDAx';

describe('caller authentication settings', () => {
  it('reads several comma-separated signing secrets', () => {
    const other = 'whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM=';
    const config = loadConfig({ WEBHOOK_SECRETS: `${SECRET}, ${other}` });

    expect(config.auth.secrets).toEqual([SECRET, other]);
  });

  it('refuses a secret without the whsec_ prefix and hides its value', () => {
    const attempt = () => loadConfig({ WEBHOOK_SECRETS: 'plain-secret-123' });

    expect(attempt).toThrow(/WEBHOOK_SECRETS=\(hidden\)/);
    expect(attempt).not.toThrow(/plain-secret-123/);
  });

  it('refuses a token shorter than 16 characters and hides its value', () => {
    const attempt = () => loadConfig({ WEBHOOK_TOKEN: 'short' });

    expect(attempt).toThrow(/WEBHOOK_TOKEN=\(hidden\)/);
  });

  it('stops a production start that has neither secret nor token', () => {
    const config = loadConfig({ NODE_ENV: 'production' });

    expect(() => assertAuthConfigured(config)).toThrow(ConfigError);
    expect(() => assertAuthConfigured(config)).toThrow(/WEBHOOK_AUTH=off/);
  });

  it('lets production start with a signing secret', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      WEBHOOK_SECRETS: SECRET,
    });

    expect(() => assertAuthConfigured(config)).not.toThrow();
  });

  it('lets production start without credentials when auth is switched off', () => {
    const config = loadConfig({ NODE_ENV: 'production', WEBHOOK_AUTH: 'off' });

    expect(() => assertAuthConfigured(config)).not.toThrow();
  });

  it('lets a start outside production go on without credentials', () => {
    expect(() => assertAuthConfigured(loadConfig({}))).not.toThrow();
  });
});

describe('limits and overload settings', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      limits: {
        utteranceMaxChars: 4000,
        contextMaxChars: 16_000,
        stateMaxBytes: 256 * 1024,
        stateMaxDepth: 20,
      },
      maxPromptTokens: 64_000,
      maxTurnsInFlight: 200,
      breaker: { failures: 5, cooldownMs: 10_000 },
      bank: { transferCap: '10000.00', transferCaps: {} },
    });
  });

  it('reads transfer caps for named assistants', () => {
    const config = loadConfig({
      BANK_TRANSFER_CAP: '2500',
      BANK_TRANSFER_CAPS: 'asst_vip=50000.00,asst_kids=20',
    });

    expect(config.bank).toMatchObject({
      transferCap: '2500',
      transferCaps: { asst_vip: '50000.00', asst_kids: '20' },
    });
  });

  it('names a transfer cap that is not an amount', () => {
    expect(() => loadConfig({ BANK_TRANSFER_CAP: 'lots' })).toThrow(
      /BANK_TRANSFER_CAP="lots"/,
    );
  });
});
