import { describe, expect, it } from 'vitest';
import { expandEnv } from './expand-env.js';
import { isSecretField, isSecretVariable, redactSecrets } from './secret-fields.js';

describe('expandEnv', () => {
  it('replaces ${VAR} and ${VAR:-default} in every string, keeping keys and other values', () => {
    const env = { HOST: 'example.test', EMPTY: '', PORT: '8080' };
    const out = expandEnv(
      {
        url: 'https://${HOST}:${PORT}/v1',
        a: '${MISSING:-fallback}',
        b: '${EMPTY:-used-when-empty}',
        c: '${EMPTY}',
        n: 3,
        '${HOST}': ['${HOST}'],
      },
      env,
    );
    expect(out.problems).toEqual([]);
    expect(out.value).toEqual({
      url: 'https://example.test:8080/v1',
      a: 'fallback',
      b: 'used-when-empty',
      c: '',
      n: 3,
      '${HOST}': ['example.test'],
    });
    expect([...out.expandedPaths]).toEqual(['url', 'a', 'b', 'c', '["${HOST}"][0]']);
  });

  it('writes a literal ${ for $${ and leaves other dollars alone', () => {
    const out = expandEnv({ s: 'cost $5, keep $${NOT_A_VAR} and a$b, then ${X}' }, { X: 'x' });
    expect(out.value).toEqual({ s: 'cost $5, keep ${NOT_A_VAR} and a$b, then x' });
    expect(out.problems).toEqual([]);
  });

  it('reports a missing variable with the path and the name', () => {
    const out = expandEnv({ models: [{ apiKey: '${DASHSCOPE_API_KEY}' }] }, {});
    expect(out.problems).toEqual([
      { path: 'models[0].apiKey', message: 'environment variable DASHSCOPE_API_KEY is not set' },
    ]);
    expect([...out.failedPaths]).toEqual(['models[0].apiKey']);
  });

  it('reports malformed references, without echoing them in secret fields', () => {
    const out = expandEnv({ note: 'a ${1BAD} b', apiKey: '${sk-pasted-key-123}', open: 'x ${UNCLOSED' }, {});
    expect(out.problems).toEqual([
      {
        path: 'note',
        message:
          'invalid environment reference "${1BAD}": write ${NAME} or ${NAME:-default} (NAME of letters, digits and "_"), or "$${" for a literal "${"',
      },
      {
        path: 'apiKey',
        message:
          'invalid environment reference: write ${NAME} or ${NAME:-default} (NAME of letters, digits and "_"), or "$${" for a literal "${"',
      },
      { path: 'open', message: 'unterminated "${": close it with "}", or write "$${" for a literal "${"' },
    ]);
  });

  it('collects the values of secret-like fields and what was expanded into them', () => {
    const env = { TOKEN: 'tok-0123456789', KEY: 'sk-abcdef123456', MAX: '1024' };
    const out = expandEnv(
      {
        models: [
          {
            apiKey: '${KEY}',
            apiKeyEnv: 'DASHSCOPE_API_KEY',
            headers: { Authorization: 'Bearer ${TOKEN}', 'X-Trace': '${TOKEN}' },
            params: { maxTokens: '${MAX}' },
            maxTokensParam: 'max_completion_tokens',
            secretKey: 'literal-secret',
          },
        ],
      },
      env,
    );
    expect(out.secrets.sort()).toEqual(
      ['Bearer tok-0123456789', 'literal-secret', 'sk-abcdef123456', 'tok-0123456789'].sort(),
    );
  });

  it('collects credential-named variables substituted into any field, but not ordinary ones or short values', () => {
    const env = {
      VENDOR_KEY: 'vk-0123456789',
      CUSTOM_TOKEN: 'ct-abcdefgh',
      GW_AUTH: 'gw-secret-9',
      MODEL_NAME: 'qwen-max',
      PIN_SECRET: 'abc',
    };
    const out = expandEnv(
      {
        models: [
          {
            model: '${MODEL_NAME}',
            baseURL: 'https://h.example/v1?key=${VENDOR_KEY}',
            headers: { 'X-Custom': '${CUSTOM_TOKEN}', 'X-Gw': '${GW_AUTH}', 'X-Pin': '${PIN_SECRET}' },
            system: 'fallback ${UNSET_API_KEY:-dflt-key-value}',
          },
        ],
      },
      env,
    );
    expect(out.problems).toEqual([]);
    expect(out.secrets.sort()).toEqual(['ct-abcdefgh', 'dflt-key-value', 'gw-secret-9', 'vk-0123456789'].sort());
  });
});

/** `isSecret` holds for every name of `secret` and for none of `other` (each failure names the name). */
function expectSecretNames(isSecret: (name: string) => boolean, secret: string[], other: string[]): void {
  for (const name of secret) expect(isSecret(name), name).toBe(true);
  for (const name of other) expect(isSecret(name), name).toBe(false);
}

describe('secret fields', () => {
  it('match credential names but not token counts or variable names', () => {
    expectSecretNames(
      isSecretField,
      [
        'apiKey',
        'api_key',
        'secretKey',
        'X-Api-Key',
        'accessToken',
        'password',
        'signature',
        'Authorization',
        'secretId',
      ],
      ['maxTokens', 'maxTokensParam', 'apiKeyEnv', 'model', 'baseURL', 'tpm', 'keyVar'],
    );
  });

  it('treat credential-looking variable names as secret, but not counts or names of other variables', () => {
    expectSecretNames(
      isSecretVariable,
      [
        'ACME_API_KEY',
        'GITHUB_TOKEN',
        'DB_PASSWORD',
        'DB_PASS',
        'VENDOR_AUTH',
        'CLIENT_SECRET',
        'GCP_CREDENTIALS',
        'GH_PAT',
      ],
      ['MODEL_NAME', 'MAX_TOKENS', 'API_KEY_ENV', 'AUTHOR', 'PASSAGE_DIR', 'HOST', 'TOKEN_LIMIT'],
    );
  });

  it('redact every occurrence, longest first, ignoring values too short to be keys', () => {
    expect(redactSecrets('Bearer sk-abc123 and sk-abc123-long', ['sk-abc123', 'sk-abc123-long', 'ab'])).toBe(
      'Bearer [REDACTED] and [REDACTED]',
    );
  });
});
