import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter from './index.js';
import { VERSION } from './version.js';

describe('version', () => {
  it('equals package.json and is stamped on the adapter', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/);
    expect(adapter.version).toBe(pkg.version);
    expect(adapter.name).toBe('local');
    expect(adapter.specificationVersion).toBe('v1');
  });
});
