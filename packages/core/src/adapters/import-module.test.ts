import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_HOOK, importModule } from './import-module.js';

describe('importModule', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[IMPORT_HOOK];
  });

  it('imports directly when no host hook is installed', async () => {
    const path = (await importModule('node:path')) as { join?: unknown };
    expect(typeof path.join).toBe('function');
  });

  it('uses the caller’s own import() for a bare name when no hook is installed', async () => {
    expect(await importModule('some-package', () => Promise.resolve({ from: 'caller' }))).toEqual({ from: 'caller' });
  });

  it('goes through the host hook when one is installed', async () => {
    const asked: string[] = [];
    (globalThis as Record<symbol, unknown>)[IMPORT_HOOK] = (specifier: string) => {
      asked.push(specifier);
      return Promise.resolve({ from: 'hook' });
    };
    expect(await importModule('file:///somewhere/adapter.mjs')).toEqual({ from: 'hook' });
    // The caller's own `import()` is not used while a hook is there.
    expect(await importModule('some-package', () => Promise.reject(new Error('not used')))).toEqual({ from: 'hook' });
    expect(asked).toEqual(['file:///somewhere/adapter.mjs', 'some-package']);
  });
});
