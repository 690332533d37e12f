import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRATEGY_IDS } from '@sc-safety/results';
import { loadFollowupsConfig } from './followups-config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sc-followups-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(yaml: string, env: Record<string, string> = {}) {
  const file = path.join(dir, 'followups.yaml');
  await writeFile(file, yaml);
  return loadFollowupsConfig(file, { cwd: dir, env });
}

async function problems(yaml: string, env: Record<string, string> = {}): Promise<string> {
  try {
    await load(yaml, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('loadFollowupsConfig', () => {
  it('fills defaults, resolves paths against the config file and collects the key as a secret', async () => {
    const { config, secrets } = await load(
      'dataset: ./set.jsonl\noutput: out/set.followups.jsonl\nattacker: {adapter: openai, model: qwen-max, apiKey: "${ATTACKER_API_KEY}"}\n',
      { ATTACKER_API_KEY: 'sk-attacker-secret-1234' },
    );
    expect(config).toMatchObject({
      datasetPath: path.join(dir, 'set.jsonl'),
      output: path.join(dir, 'out/set.followups.jsonl'),
      storeDir: path.join(dir, 'out/set.followups.jsonl.store'),
      strategies: [...STRATEGY_IDS],
      perItem: 1,
      seed: 1,
      maxChars: 300,
    });
    expect(config.attacker).toMatchObject({ id: 'qwen-max', adapter: 'openai', model: 'qwen-max' });
    expect(secrets).toContain('sk-attacker-secret-1234');
  });

  it('reports every problem with its field and the fix, never the key', async () => {
    const message = await problems(
      [
        'dataset: ./set.jsonl',
        'output: ./set.json',
        'attacker: {adapter: openai, apiKey: sk-literal-key-998877, system: "x"}',
        'strategies: [pressure, role_plays, pressure]',
        'perItem: 0',
        'maxChars: 99999',
        'seeds: 3',
      ].join('\n'),
    );
    expect(message).toContain('followups.yaml: output: "./set.json" must be a .jsonl file');
    expect(message).toContain('attacker.model: required');
    expect(message).toContain('attacker.system: not allowed on an attacker');
    expect(message).toMatch(/strategies\[1\]: expected one of .*did you mean "role_play"/);
    expect(message).toContain('strategies[2]: "pressure" is listed twice');
    expect(message).toContain('perItem: expected a positive integer, got 0');
    expect(message).toContain('maxChars: expected at most 4000 characters');
    expect(message).toMatch(/seeds: unknown top-level key.*"seed"/);
    expect(message).not.toContain('sk-literal-key-998877');
  });

  it('refuses more follow-ups per item than strategies, a missing attacker, and writing over the source', async () => {
    expect(
      await problems(
        'dataset: a.jsonl\noutput: b.jsonl\nattacker: {adapter: openai, model: m}\nstrategies: [pressure]\nperItem: 2\n',
      ),
    ).toContain('perItem: 2 follow-ups per item need 2 strategies');
    expect(await problems('dataset: a.jsonl\noutput: b.jsonl\n')).toContain('attacker: required');
    expect(await problems('dataset: a.jsonl\noutput: ./a.jsonl\nattacker: {adapter: openai, model: m}\n')).toContain(
      'output: is the source dataset',
    );
  });
});
