import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter from './index.js';
import { validateConfig } from './config-schema.js';
import { PRESET_NAMES } from './presets/index.js';
import { VERSION } from './version.js';

function messages(value: unknown): string[] {
  const result = validateConfig(value);
  return 'issues' in result && result.issues ? result.issues.map((i) => i.message) : [];
}

describe('http adapter config', () => {
  it('is stamped with the package version and named http', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect([adapter.name, adapter.version, VERSION, adapter.specificationVersion]).toEqual([
      'http',
      pkg.version,
      pkg.version,
      'v1',
    ]);
    expect(PRESET_NAMES).toEqual(['dashscope', 'minimax', 'zhipu', 'qianfan', 'hunyuan', 'spark']);
  });

  it('accepts every preset and fills defaults', () => {
    for (const preset of PRESET_NAMES) {
      const result = validateConfig({ model: 'm', preset });
      expect('value' in result && result.value).toMatchObject({ timeoutMs: 120_000, stream: false });
    }
  });

  it('names each wrong field', () => {
    expect(messages({ model: 'm' })).toEqual([expect.stringMatching(/^Give "preset" \(dashscope, minimax/)]);
    expect(messages({ model: 'm', preset: 'ernie' })[0]).toMatch(/^Unknown preset "ernie"/);
    expect(
      messages({ model: 'm', preset: 'zhipu', baseURL: 'ftp://x', timeoutMs: -1, apiKeyEnv: 'bad name', colour: 1 }),
    ).toEqual([
      '"baseURL" must be an http(s) or ws(s) URL.',
      '"timeoutMs" must be a positive whole number of milliseconds.',
      '"apiKeyEnv" must be an environment variable name such as "MY_VENDOR_KEY".',
      'Unknown field "colour". Known fields: model, preset, template, baseURL, tokenURL, timeoutMs, stream, headers, extraBody, apiKey, secretKey, secretId, appId, apiSecret, region, apiKeyEnv, secretKeyEnv, secretIdEnv, appIdEnv, apiSecretEnv, blocks, failures.',
    ]);
    expect(messages({ model: 'm', template: './missing.yaml' })[0]).toMatch(
      /^template: cannot read template file ".*missing\.yaml": ENOENT/,
    );
  });

  it('a missing credential fails at create time naming the field and variable, never a value', () => {
    expect(() => adapter.create({ model: 'qwen-plus', preset: 'dashscope' }, { env: {} })).toThrow(
      /Pass it as "apiKey" in the model entry or set the DASHSCOPE_API_KEY environment variable/,
    );
    expect(() =>
      adapter.create({ model: 'ERNIE-4.0-8K', preset: 'qianfan', apiKey: 'ak-0000000000' }, { env: {} }),
    ).toThrow(/"secretKey".*QIANFAN_SK/);
  });
});
