import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRunConfig } from './load-run-config.js';
import { RunConfigError } from './run-config-error.js';
import { sanitizeForManifest } from './sanitize.js';

/** Distinctive so that any leak is found by a plain substring search. */
const FAKE_KEY = 'sk-FAKE-7f3a9c1e2b4d6058-zz';
const FAKE_TOKEN = 'tok-FAKE-55e1c0ffee';

let tmp: string;

beforeEach(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sc-safety-sanitize-')));
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const CONFIG = `
dataset: builtin:sample
models:
  - id: qwen
    adapter: openai
    model: qwen-max
    apiKey: \${FAKE_VENDOR_KEY}
    apiKeyEnv: FAKE_VENDOR_KEY
    headers: {Authorization: "Bearer \${FAKE_TOKEN}", X-Client: sc-safety}
    baseURL: "https://proxy.example/v1?token=\${FAKE_TOKEN}"
    params: {maxTokens: 512}
    maxTokensParam: max_completion_tokens
judge: {adapter: openai, model: gpt-4o, apiKey: literal-judge-key-0001}
`;

describe('secrets', () => {
  it('are collected from expanded and literal secret fields', async () => {
    writeFileSync(path.join(tmp, 'run.yaml'), CONFIG);
    const { secrets } = await loadRunConfig('run.yaml', { cwd: tmp, env: { FAKE_VENDOR_KEY: FAKE_KEY, FAKE_TOKEN } });
    expect([...secrets].sort()).toEqual(
      [FAKE_KEY, `Bearer ${FAKE_TOKEN}`, FAKE_TOKEN, 'literal-judge-key-0001'].sort(),
    );
  });

  it('never appear in a thrown message, even where a value is echoed', async () => {
    // The key pasted by mistake into the id, which is echoed when invalid.
    writeFileSync(
      path.join(tmp, 'run.yaml'),
      'dataset: builtin:sample\nmodels:\n  - {id: "${FAKE_VENDOR_KEY}!", adapter: openai, model: m, apiKey: "${FAKE_VENDOR_KEY}"}\n  - {id: b, adapter: openai, model: m, apiKey: 42}\n',
    );
    const error = await loadRunConfig('run.yaml', { cwd: tmp, env: { FAKE_VENDOR_KEY: FAKE_KEY } }).then(
      () => undefined,
      (e: unknown) => e as RunConfigError,
    );
    expect(error).toBeInstanceOf(RunConfigError);
    expect(error?.lines).toEqual([
      'run.yaml: models[0].id: "[REDACTED]!" is not a valid id: use letters, digits and . _ : @ / -',
      'run.yaml: models[1].apiKey: expected a string, got a number',
    ]);
    expect(JSON.stringify(error?.problems)).not.toContain(FAKE_KEY);
  });
});

describe('sanitizeForManifest', () => {
  it('redacts secret fields and every secret inside other strings, leaving the original intact', async () => {
    writeFileSync(path.join(tmp, 'run.yaml'), CONFIG);
    const { config, secrets } = await loadRunConfig('run.yaml', {
      cwd: tmp,
      env: { FAKE_VENDOR_KEY: FAKE_KEY, FAKE_TOKEN },
    });
    const safe = sanitizeForManifest(config, secrets);

    const text = JSON.stringify(safe);
    expect(text).not.toContain(FAKE_KEY);
    expect(text).not.toContain(FAKE_TOKEN);
    expect(text).not.toContain('literal-judge-key-0001');
    const model = safe.models[0];
    expect(model?.apiKey).toBe('[REDACTED]');
    expect(model?.headers).toEqual({ Authorization: '[REDACTED]', 'X-Client': 'sc-safety' });
    expect(model?.baseURL).toBe('https://proxy.example/v1?token=[REDACTED]');
    // Names of variables and token counts are not secrets and stay readable.
    expect(model?.extra).toEqual({ apiKeyEnv: 'FAKE_VENDOR_KEY', maxTokensParam: 'max_completion_tokens' });
    expect(model?.params).toEqual({ maxTokens: 512 });
    expect(safe.judge?.apiKey).toBe('[REDACTED]');

    expect(config.models[0]?.apiKey).toBe(FAKE_KEY);
    expect(safe).not.toBe(config);
    expect(safe.models[0]?.headers).not.toBe(config.models[0]?.headers);
  });

  it('redacts secrets inside arbitrary data', () => {
    const out = sanitizeForManifest({ list: ['a FAKE-secret-xyz b', 1, null], nested: { password: 'pw', ok: true } }, [
      'FAKE-secret-xyz',
    ]);
    expect(out).toEqual({ list: ['a [REDACTED] b', 1, null], nested: { password: '[REDACTED]', ok: true } });
  });
});
