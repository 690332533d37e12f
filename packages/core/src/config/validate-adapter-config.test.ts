import { defineAdapter, type ConfigSchemaV1 } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { AdapterConfigError } from '../adapters/adapter-errors.js';
import { rejectionOf } from '../__fixtures__/rejection.js';
import { formatIssuePath, validateAdapterConfig } from './validate-adapter-config.js';

interface DemoConfig {
  model: string;
  temperature?: number;
}

/** A hand-written Standard Schema, as a third-party adapter without zod might ship. */
const demoSchema: ConfigSchemaV1<DemoConfig> = {
  '~standard': {
    version: 1,
    vendor: 'demo',
    validate(value) {
      const v = value as Record<string, unknown>;
      const issues: { message: string; path?: PropertyKey[] }[] = [];
      if (typeof v.model !== 'string') issues.push({ message: 'expected a string', path: ['model'] });
      if (v.temperature !== undefined && typeof v.temperature !== 'number')
        issues.push({ message: 'expected a number', path: ['temperature'] });
      if (typeof v.apiKey === 'string' && v.apiKey.length < 20)
        issues.push({ message: `key ${v.apiKey} is too short`, path: ['apiKey'] });
      return issues.length > 0
        ? { issues }
        : {
            value: {
              model: v.model as string,
              ...(typeof v.temperature === 'number' ? { temperature: v.temperature } : {}),
            },
          };
    },
  },
};

const demo = defineAdapter<DemoConfig>({
  name: 'demo',
  version: '1.0.0',
  configSchema: demoSchema,
  create: () => ({}) as never,
});

/** An adapter `name` whose config schema validates with `validate`; it is never asked for a model. */
function adapterValidating(name: string, validate: ConfigSchemaV1<unknown>['~standard']['validate']) {
  return defineAdapter({
    name,
    version: '1.0.0',
    configSchema: { '~standard': { version: 1, vendor: 'x', validate } },
    create: () => ({}) as never,
  });
}

const configError = (promise: Promise<unknown>) => rejectionOf(promise, AdapterConfigError);

describe('validateAdapterConfig', () => {
  it('returns the validated value', async () => {
    await expect(
      validateAdapterConfig(demo, { model: 'm', temperature: 0.5, extra: 1 }, { path: 'models[0]' }),
    ).resolves.toEqual({
      model: 'm',
      temperature: 0.5,
    });
  });

  it('names the full path of every problem', async () => {
    const error = await configError(
      validateAdapterConfig(demo, { model: 3, temperature: 'hot' }, { path: 'models[1]' }),
    );
    expect(error.message).toBe('models[1].model: expected a string\nmodels[1].temperature: expected a number');
    expect(error.problems).toEqual([
      { path: 'models[1].model', message: 'expected a string' },
      { path: 'models[1].temperature', message: 'expected a number' },
    ]);
  });

  it('keeps the API key out of messages even when the schema echoes it', async () => {
    const error = await configError(
      validateAdapterConfig(demo, { model: 'm', apiKey: 'sk-short-key' }, { path: 'models[2]' }),
    );
    expect(error.message).toBe('models[2].apiKey: key [REDACTED] is too short');
  });

  it('keeps other credentials (header tokens, secret keys) out of messages too', async () => {
    const echoing = adapterValidating('echo', (value) => ({
      issues: [{ message: `bad config ${JSON.stringify(value)}` }],
    }));
    const config = { model: 'm', secretKey: 'sk-secret-value', headers: { Authorization: 'Bearer tok-123456' } };
    const error = await configError(validateAdapterConfig(echoing, config, { path: 'models[0]' }));
    expect(error.message).toContain('"model":"m"');
    expect(error.message).not.toContain('sk-secret-value');
    expect(error.message).not.toContain('tok-123456');
    expect(error.message).toContain('[REDACTED]');
  });

  it('supports async schemas and reports a schema that throws', async () => {
    const throwing = adapterValidating('bad', async () => Promise.reject(new Error('schema exploded')));
    const error = await configError(validateAdapterConfig(throwing, {}, { path: 'models[0]' }));
    expect(error.message).toBe('models[0]: the "bad" adapter\'s config schema failed: schema exploded');
  });

  it('gives a path-less issue the entry path', async () => {
    const rejecting = adapterValidating('r', () => ({ issues: [{ message: 'expected an object' }] }));
    const error = await configError(validateAdapterConfig(rejecting, 5, { path: 'judge' }));
    expect(error.message).toBe('judge: expected an object');
  });
});

describe('formatIssuePath', () => {
  it('formats keys, indexes, path-segment objects and odd keys', () => {
    expect(formatIssuePath('models[1]', ['headers', 'x-trace', 0, { key: 'deep' }])).toBe(
      'models[1].headers["x-trace"][0].deep',
    );
    expect(formatIssuePath('', ['a', 1])).toBe('a[1]');
    expect(formatIssuePath('', [])).toBe('(root)');
  });
});
