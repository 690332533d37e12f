import { defineAdapter } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { AdapterResolutionError } from './adapter-errors.js';
import { assertAdapterDefinition } from './check-adapter.js';

const schema = { '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value }) } };
const valid = defineAdapter({ name: 'acme', version: '2.0.0', configSchema: schema, create: () => ({}) as never });

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterResolutionError);
    return (e as Error).message;
  }
  throw new Error('expected a throw');
}

describe('assertAdapterDefinition', () => {
  it('accepts a definition made with defineAdapter', () => {
    expect(() => assertAdapterDefinition(valid, '@acme/x')).not.toThrow();
  });

  it('refuses an unknown specification version with an upgrade hint', () => {
    expect(messageOf(() => assertAdapterDefinition({ ...valid, specificationVersion: 'v9' }, '@acme/x'))).toBe(
      'Adapter package "@acme/x" (acme@2.0.0) implements adapter specification "v9", but this sc-safety engine supports: v1. ' +
        'Upgrade @sc-safety/core or use an adapter release built for v1.',
    );
  });

  it('lists every supported version when there are several', () => {
    const message = messageOf(() =>
      assertAdapterDefinition({ ...valid, specificationVersion: 'v0' }, '@acme/x', ['v1', 'v2']),
    );
    expect(message).toContain(
      'supports: v1, v2. Upgrade @sc-safety/core or use an adapter release built for v1 or v2.',
    );
  });

  it('checks the version before the shape, since other versions may look different', () => {
    const message = messageOf(() =>
      assertAdapterDefinition({ name: 'n', version: '1', specificationVersion: 'v2' }, 'p'),
    );
    expect(message).toMatch(/implements adapter specification "v2"/);
  });

  it('asks for defineAdapter when the version is missing', () => {
    const { specificationVersion: _omit, ...rest } = valid;
    expect(messageOf(() => assertAdapterDefinition(rest, 'p'))).toMatch(
      /does not declare "specificationVersion"\. Build it with defineAdapter\(\)/,
    );
  });

  it('names every shape problem at once', () => {
    const message = messageOf(() =>
      assertAdapterDefinition(
        { name: '', version: 3, specificationVersion: 'v1', configSchema: { '~standard': {} } },
        '@acme/bad',
      ),
    );
    expect(message).toBe(
      'Adapter package "@acme/bad" (unnamed adapter) does not export a valid adapter definition: ' +
        '"name" must be a non-empty string; "version" must be a non-empty string; ' +
        '"configSchema[\'~standard\'].validate" must be a function; "create" must be a function.',
    );
  });

  it('rejects non-objects', () => {
    expect(messageOf(() => assertAdapterDefinition(42, 'p'))).toMatch(
      /does not export an adapter definition \(got a number\)/,
    );
    expect(messageOf(() => assertAdapterDefinition(null, 'p'))).toMatch(/got null/);
  });
});
