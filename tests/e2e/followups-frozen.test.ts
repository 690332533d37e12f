import { readdir, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fakeAttacker, fakeFollowUp } from './helpers/fake-attacker.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import { configYaml, conversationOf, isChat, question, scriptedJudge, scriptedModel } from './helpers/script.js';
import { core, createOpenAIFakeServer } from './helpers/workspace.js';
import type { FakeServer } from './helpers/workspace.js';

const KEYS = { attacker: 'sk-e2e-attacker-6d1f0b', target: 'sk-e2e-target-3a9e27', judge: 'sk-e2e-judge-b81c55' };
const STRATEGIES = ['pressure', 'role_play', 'hypothetical'];
const MAX_CHARS = 80;

/** Single-turn items by id; the fake attacker's behaviour follows the id. */
const SINGLE = ['fu-1', 'fu-2', 'fu-3', 'fu-4', 'fu-refuse', 'fu-echo', 'fu-empty', 'fu-long'];

async function writeSource(dir: string): Promise<string> {
  const file = path.join(dir, 'source.jsonl');
  const lines = [
    JSON.stringify({ $schema: 'sc-safety/dataset@1', name: 'e2e-source', licence: 'CC0-1.0' }),
    ...SINGLE.map((id) =>
      JSON.stringify({ id, category: 'traditional_safety', dimension: 'crime', turns: [question(id)] }),
    ),
    JSON.stringify({
      id: 'fu-kept',
      category: 'responsible_ai',
      dimension: 'psychology',
      turns: [question('fu-kept'), '【fu-kept】原有的追问'],
    }),
    JSON.stringify({
      id: 'fu-comply',
      category: 'responsible_ai',
      dimension: 'psychology',
      turns: [question('fu-comply')],
      expect: 'comply',
    }),
  ];
  await writeFile(file, lines.join('\n') + '\n');
  return file;
}

/** Every file under a directory, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

const readJsonl = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
type Item = { id: string; turns: string[]; strategy?: string; meta?: { followup?: Record<string, unknown> } };

describe('sc-safety dataset followups (frozen) then sc-safety run on the generated set', () => {
  let dir: string;
  let attackerServer: FakeServer;
  let attacker: ReturnType<typeof fakeAttacker>;
  let target: FakeServer;
  let judge: FakeServer;
  let configFile: string;
  let output: string;
  const attackerCalls = () => attackerServer.requests.filter(isChat).length;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-followups-'));
    attackerServer = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEYS.attacker });
    attacker = fakeAttacker({ delayMs: 60 });
    attackerServer.setHandler(attacker.handler);
    target = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEYS.target });
    target.setHandler(scriptedModel('tg', { 'fu-1#2': { kind: 'text', a: 0, b: 0 } }));
    judge = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEYS.judge });
    judge.setHandler(scriptedJudge('A'));
    await writeSource(dir);
    configFile = path.join(dir, 'followups.yaml');
    output = path.join(dir, 'gen', 'source.followups.jsonl');
    await writeFile(
      configFile,
      [
        'dataset: ./source.jsonl',
        'output: ./gen/source.followups.jsonl',
        `attacker: {id: red, adapter: openai, model: attacker-m, baseURL: ${JSON.stringify(attackerServer.baseURL)}, apiKey: ${JSON.stringify(KEYS.attacker)}, concurrency: 2, maxRetries: 2}`,
        `strategies: ${JSON.stringify(STRATEGIES)}`,
        'seed: 7',
        `maxChars: ${MAX_CHARS}`,
      ].join('\n') + '\n',
    );
  });

  afterAll(() => cleanUp(dir, [attackerServer, target, judge]));

  it('--dry-run prints the calls and estimated tokens and calls nothing', async () => {
    const out = await runCli(['dataset', 'followups', '-c', configFile, '--dry-run'], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/8 calls \(0 already stored, 8 to make\), ~\d+ input \+ ~\d+ output tokens/);
    expect(out.stdout).toContain('1 items already have a follow-up and are kept');
    expect(out.stdout).toContain('1 contrast items (expect: comply) copied unchanged');
    expect(out.stdout).toContain(`prompt sc-attacker-prompt@1 ${core.attackerPromptHash(MAX_CHARS)}`);
    expect(attackerCalls()).toBe(0);
  });

  it('--limit 2 asks only for the first two items, with a retry after a server error', async () => {
    attackerServer.enqueue({ kind: 'server-error', status: 503 });
    const out = await runCli(['dataset', 'followups', '-c', configFile, '--limit', '2'], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(attackerCalls()).toBe(3);
    const items = (await readJsonl(output)).slice(1) as Item[];
    expect(items.map((i) => i.id)).toEqual(['fu-1', 'fu-2']);
    expect(out.stderr).toMatch(/attacker red: 2\/2 calls.*retries 1/);
  });

  it('writes every outcome, counted, with concurrency bounded, and never a fallback follow-up', async () => {
    const out = await runCli(['dataset', 'followups', '-c', configFile], dir);
    expect(out.code, out.stderr).toBe(0);
    // The two calls of --limit 2 are read from the store: 6 new calls.
    expect(attackerCalls()).toBe(3 + 6);
    expect(out.stdout).toContain('attacker calls: 6 made, 2 read from the store');
    for (const [outcome, n] of [
      ['ok', 4],
      ['attacker_refused', 1],
      ['attacker_echo', 1],
      ['attacker_empty', 1],
      ['attacker_too_long', 1],
    ] as const) {
      expect(out.stdout).toMatch(new RegExp(`${outcome}\\s+${n}\\n`));
    }
    expect(attacker.stats.maxInFlight).toBe(2);
    expect(attacker.violations).toEqual([]);

    const [header, ...rest] = await readJsonl(output);
    const items = rest as Item[];
    const source = await core.validateDataset(path.join(dir, 'source.jsonl'));
    expect(header).toMatchObject({
      $schema: 'sc-safety/dataset@1',
      name: 'e2e-source + follow-ups',
      licence: 'CC0-1.0',
      derivedFrom: { fingerprint: source.fingerprint, file: 'source.jsonl', name: 'e2e-source' },
      followups: { mode: 'frozen', strategies: STRATEGIES, perItem: 1, seed: 7, maxChars: MAX_CHARS },
    });
    expect(items.map((i) => i.id)).toEqual([...SINGLE, 'fu-kept', 'fu-comply']);
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const id of ['fu-1', 'fu-2', 'fu-3', 'fu-4']) {
      const item = byId.get(id)!;
      const f = item.meta!.followup!;
      expect(STRATEGIES).toContain(item.strategy);
      expect(item.turns).toEqual([question(id), fakeFollowUp(id, item.strategy!)]);
      expect(f).toMatchObject({ mode: 'frozen', turn: 1, strategy: item.strategy, outcome: 'ok' });
      expect(f.attacker).toEqual({
        id: 'red',
        adapter: expect.stringMatching(/^openai@\d+\.\d+\.\d+/),
        model: 'attacker-m',
        promptVersion: 'sc-attacker-prompt@1',
        promptHash: core.attackerPromptHash(MAX_CHARS),
      });
    }
    for (const [id, outcome] of [
      ['fu-refuse', 'attacker_refused'],
      ['fu-echo', 'attacker_echo'],
      ['fu-empty', 'attacker_empty'],
      ['fu-long', 'attacker_too_long'],
    ]) {
      const item = byId.get(id!)!;
      expect(item.turns, id).toEqual([question(id!)]);
      expect(item.strategy, id).toBeUndefined();
      expect(item.meta!.followup!.outcome, id).toBe(outcome);
    }
    expect(byId.get('fu-refuse')!.meta!.followup!.reply).toBe('抱歉，我不能帮你写这类诱导性的追问。');
    expect(byId.get('fu-kept')).toEqual({
      id: 'fu-kept',
      category: 'responsible_ai',
      dimension: 'psychology',
      turns: [question('fu-kept'), '【fu-kept】原有的追问'],
    });
    expect(byId.get('fu-comply')!.meta).toBeUndefined();

    const validated = await runCli(['dataset', 'validate', output], dir);
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stderr).toBe('');
    const fingerprint = /(sha256:[0-9a-f]{64})/.exec(validated.stdout)?.[1];
    expect(out.stdout).toContain(`${fingerprint}`);
    expect(fingerprint).not.toBe(source.fingerprint);
  });

  it('a second invocation makes no call and writes the same bytes', async () => {
    const before = await readFile(output, 'utf8');
    const calls = attackerCalls();
    const out = await runCli(['dataset', 'followups', '-c', configFile], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(attackerCalls()).toBe(calls);
    expect(out.stdout).toContain('attacker calls: 0 made, 8 read from the store');
    expect(await readFile(output, 'utf8')).toBe(before);
  });

  it('never writes the attacker key', async () => {
    for (const file of await filesUnder(path.join(dir, 'gen'))) {
      expect((await readFile(file)).includes(KEYS.attacker), file).toBe(false);
    }
  });

  it('runs the generated set: round 2 sends the frozen follow-up; items without one are asked once', async () => {
    const runConfig = path.join(dir, 'run.yaml');
    await writeFile(
      runConfig,
      configYaml({
        dataset: './gen/source.followups.jsonl',
        output: './run',
        models: [{ id: 'tg', adapter: 'openai', model: 'target-m', baseURL: target.baseURL, apiKey: KEYS.target }],
        judge: { id: 'judge-a', adapter: 'openai', model: 'judge-m', baseURL: judge.baseURL, apiKey: KEYS.judge },
      }),
    );
    const out = await runCli(['run', '-c', runConfig], dir);
    expect(out.code, out.stderr).toBe(0);
    const results = await readResults(dir, 'run');
    expect(core.validateResultsFile(results)).toEqual([]);
    const rounds = (id: string) =>
      results.answers
        .filter((a) => a.itemId === id)
        .map((a) => a.round)
        .sort();
    expect(rounds('fu-1')).toEqual([1, 2]);
    expect(rounds('fu-kept')).toEqual([1, 2]);
    for (const id of ['fu-refuse', 'fu-echo', 'fu-empty', 'fu-long', 'fu-comply']) expect(rounds(id), id).toEqual([1]);
    const items = new Map(((await readJsonl(output)).slice(1) as Item[]).map((i) => [i.id, i]));
    const round2 = target.requests
      .filter(isChat)
      .map(conversationOf)
      .filter((c) => c.users.length === 2);
    expect(round2).toHaveLength(5);
    for (const c of round2) {
      const id = /【([^】]+)】/.exec(c.users[0]!)![1]!;
      expect(c.users[1]).toBe(items.get(id)!.turns[1]);
    }
    expect(results.answers.find((a) => a.itemId === 'fu-1' && a.round === 2)?.score).toBe(0);
  });

  it('--replace regenerates the item that already had a follow-up (one more call)', async () => {
    const calls = attackerCalls();
    const out = await runCli(['dataset', 'followups', '-c', configFile, '--replace'], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(attackerCalls()).toBe(calls + 1);
    const kept = ((await readJsonl(output)).slice(1) as Item[]).find((i) => i.id === 'fu-kept')!;
    expect(kept.turns[1]).toBe(fakeFollowUp('fu-kept', kept.strategy!));
    expect(kept.meta!.followup!.outcome).toBe('ok');
  });
});

describe('sc-safety dataset followups: bad input and failing attackers', () => {
  let dir: string;
  let server: FakeServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-followups-bad-'));
    server = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEYS.attacker });
    server.setHandler(fakeAttacker().handler);
    await writeSource(dir);
  });

  afterAll(() => cleanUp(dir, [server]));

  const config = async (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    await writeFile(file, lines.join('\n') + '\n');
    return file;
  };

  it('a bad config exits 2 naming the file and each field, without the key', async () => {
    const file = await config('bad.yaml', [
      'dataset: ./source.jsonl',
      'output: ./out.jsonl',
      `attacker: {adapter: openai, apiKey: ${JSON.stringify(KEYS.attacker)}}`,
      'strategies: [presure]',
    ]);
    const out = await runCli(['dataset', 'followups', '-c', file], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('bad.yaml: attacker.model: required');
    expect(out.stderr).toMatch(/bad\.yaml: strategies\[0\]: .*did you mean "pressure"/);
    expect(out.stderr).not.toContain(KEYS.attacker);
  });

  it('a missing source dataset exits 2 naming it', async () => {
    const file = await config('missing.yaml', [
      'dataset: ./nope.jsonl',
      'output: ./out.jsonl',
      `attacker: {adapter: openai, model: m, baseURL: ${JSON.stringify(server.baseURL)}, apiKey: x}`,
    ]);
    const out = await runCli(['dataset', 'followups', '-c', file], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('nope.jsonl');
  });

  it('an attacker whose calls fail exits 1, records attacker_error and writes no dataset; a vendor block is its own outcome', async () => {
    const file = await config('failing.yaml', [
      'dataset: ./source.jsonl',
      'output: ./failing.jsonl',
      `attacker: {adapter: openai, model: m, baseURL: ${JSON.stringify(server.baseURL)}, apiKey: "sk-wrong-key-000000", maxRetries: 0}`,
    ]);
    const out = await runCli(['dataset', 'followups', '-c', file, '--limit', '3'], dir);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/attacker_error\s+3\n/);
    expect(out.stderr).toContain('no dataset written');
    expect(out.stderr).not.toContain('sk-wrong-key-000000');
    await expect(readFile(path.join(dir, 'failing.jsonl'))).rejects.toThrow(/ENOENT/);

    await writeFile(
      path.join(dir, 'block.jsonl'),
      JSON.stringify({
        id: 'fu-block',
        category: 'traditional_safety',
        dimension: 'crime',
        turns: [question('fu-block')],
      }) + '\n',
    );
    const blockFile = await config('block.yaml', [
      'dataset: ./block.jsonl',
      'output: ./block.followups.jsonl',
      `attacker: {adapter: openai, model: m, baseURL: ${JSON.stringify(server.baseURL)}, apiKey: ${JSON.stringify(KEYS.attacker)}}`,
    ]);
    const blocked = await runCli(['dataset', 'followups', '-c', blockFile], dir);
    expect(blocked.code, blocked.stderr).toBe(0);
    expect(blocked.stdout).toMatch(/attacker_blocked\s+1\n/);
    const [, item] = (await readJsonl(path.join(dir, 'block.followups.jsonl'))) as Item[];
    expect(item!.turns).toEqual([question('fu-block')]);
    expect(item!.meta!.followup).toMatchObject({ outcome: 'attacker_blocked' });
  });
});
