import { describe, expect, it } from 'vitest';
import { LoadApiKeyError, loadApiKey } from './load-api-key.js';

const base = { environmentVariableName: 'ACME_API_KEY', description: 'Acme' } as const;

describe('loadApiKey', () => {
  it('prefers the explicit key over the environment', () => {
    expect(loadApiKey({ ...base, apiKey: 'explicit', env: { ACME_API_KEY: 'from-env' } })).toBe('explicit');
  });

  it('falls back to the environment variable and trims stray whitespace', () => {
    expect(loadApiKey({ ...base, env: { ACME_API_KEY: ' from-env\n' } })).toBe('from-env');
    expect(loadApiKey({ ...base, apiKey: '  ', env: { ACME_API_KEY: 'from-env' } })).toBe('from-env');
  });

  it('reads process.env by default', () => {
    const name = 'SC_SAFETY_TEST_LOAD_API_KEY';
    process.env[name] = 'proc-env-key';
    try {
      expect(loadApiKey({ environmentVariableName: name, description: 'Test' })).toBe('proc-env-key');
    } finally {
      delete process.env[name];
    }
  });

  it('names the config field and the variable when the key is missing', () => {
    let caught: unknown;
    try {
      loadApiKey({ ...base, env: { ACME_API_KEY: '' } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LoadApiKeyError);
    expect((caught as Error).message).toBe(
      'Acme API key is missing. Pass it as "apiKey" in the model entry or set the ACME_API_KEY environment variable.',
    );
    expect((caught as LoadApiKeyError).environmentVariableName).toBe('ACME_API_KEY');
  });

  it('uses a custom parameter name and never echoes a wrongly typed value', () => {
    expect(() => loadApiKey({ ...base, apiKeyParameterName: 'secretKey', env: {} })).toThrow(/"secretKey"/);
    const wrong = { apiKey: 12345678 as unknown as string };
    expect(() => loadApiKey({ ...base, ...wrong, env: {} })).toThrow(/must be a string/);
    try {
      loadApiKey({ ...base, ...wrong, env: {} });
    } catch (e) {
      expect((e as Error).message).not.toContain('12345678');
    }
  });
});
