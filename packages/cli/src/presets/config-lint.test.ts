import type { RunConfig } from '@sc-safety/core';
import { describe, expect, it } from 'vitest';
import { presetAdaptersOf } from './config-lint.js';
import { presetCatalog } from './preset-catalog.js';

// Only the fields presetAdaptersOf reads; the rest of a run config does not matter here.
function config(models: Array<{ id: string; adapter: string }>, judge?: { id: string; adapter: string }): RunConfig {
  return { models, ...(judge ? { judge } : {}) } as unknown as RunConfig;
}

describe('presetAdaptersOf', () => {
  it('names the bundled adapters with presets that the entries use, judges included', () => {
    expect(presetAdaptersOf(config([{ id: 'a', adapter: 'openai' }]))).toEqual(['openai']);
    expect(
      presetAdaptersOf(config([{ id: 'a', adapter: 'anthropic' }], { id: 'j', adapter: '@sc-safety/adapter-http' })),
    ).toEqual(['http']);
    expect(presetAdaptersOf(config([{ id: 'a', adapter: './my-adapter.js' }]))).toEqual([]);
  });

  it('leaves out the models --models does not select', () => {
    const c = config([
      { id: 'a', adapter: 'openai' },
      { id: 'b', adapter: 'http' },
    ]);
    expect(presetAdaptersOf(c, ['b'])).toEqual(['http']);
  });
});

describe('presetCatalog', () => {
  it('reads only the adapters asked for, and both by default', async () => {
    const openaiOnly = await presetCatalog(['openai']);
    expect(openaiOnly.length).toBeGreaterThan(0);
    expect(new Set(openaiOnly.map((p) => p.adapter))).toEqual(new Set(['openai']));
    expect(await presetCatalog([])).toEqual([]);
    expect(new Set((await presetCatalog()).map((p) => p.adapter))).toEqual(new Set(['openai', 'http']));
  }, 60_000); // the first import of both adapters' sources is slow on a busy machine
});
