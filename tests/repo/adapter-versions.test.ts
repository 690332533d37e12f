import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterDefinitionV1 } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import anthropic from '../../packages/adapter-anthropic/src/index.js';
import { VERSION as anthropicVersion } from '../../packages/adapter-anthropic/src/version.js';
import http from '../../packages/adapter-http/src/index.js';
import { VERSION as httpVersion } from '../../packages/adapter-http/src/version.js';
import local from '../../packages/adapter-local/src/index.js';
import { VERSION as localVersion } from '../../packages/adapter-local/src/version.js';
import openai from '../../packages/adapter-openai/src/index.js';
import { VERSION as openaiVersion } from '../../packages/adapter-openai/src/version.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Every built-in adapter records `name@version` with each result: the version must be its
// package.json's (read at run time, so a release bump cannot leave it stale) and stamped on the definition.
const ADAPTERS: Array<{ dir: string; name: string; adapter: AdapterDefinitionV1<never>; version: string }> = [
  {
    dir: 'packages/adapter-anthropic',
    name: 'anthropic',
    adapter: anthropic as AdapterDefinitionV1<never>,
    version: anthropicVersion,
  },
  { dir: 'packages/adapter-http', name: 'http', adapter: http as AdapterDefinitionV1<never>, version: httpVersion },
  { dir: 'packages/adapter-local', name: 'local', adapter: local as AdapterDefinitionV1<never>, version: localVersion },
  {
    dir: 'packages/adapter-openai',
    name: 'openai',
    adapter: openai as AdapterDefinitionV1<never>,
    version: openaiVersion,
  },
];

describe('built-in adapter versions', () => {
  it.each(ADAPTERS)(
    '$name: VERSION equals package.json and is stamped on the adapter',
    ({ dir, name, adapter, version }) => {
      const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as { version: string };
      expect(version).toBe(pkg.version);
      expect(version).toMatch(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/);
      expect(adapter.version).toBe(pkg.version);
      expect(adapter.name).toBe(name);
      expect(adapter.specificationVersion).toBe('v1');
    },
  );
});
