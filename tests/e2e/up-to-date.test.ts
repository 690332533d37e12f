import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { openAIRunSuite } from './helpers/run-suite.js';
import {
  answerText,
  configYaml,
  followUp,
  isChat,
  judgeAskOf,
  jsonl,
  question,
  scriptedJudge,
  turnOfRequest,
} from './helpers/script.js';

const KEY = 'sk-e2e-up-to-date-7c41';

/*
 * A run whose every call is stored and whose exports were written from that store says so and
 * stops, without a request or a rewrite; anything that would change what a run writes (a lost
 * export, another plan, a call that failed) sends the next run the whole way again.
 */
describe('sc-safety run: a finished run has nothing to do', () => {
  /** Round-1 judgments of ts-1 fail (a 400 the judge cannot get past) until this is set. */
  let judgeHealed = false;
  const s = openAIRunSuite({
    name: 'up-to-date',
    model: { vendor: 'openai', apiKey: KEY },
    judge: { vendor: 'openai', apiKey: KEY },
    setup: async ({ dir, model, judge }) => {
      model.setHandler((request) => {
        const { itemId, round } = turnOfRequest(request);
        return { kind: 'text', text: answerText('m', itemId, round, 2, 2) };
      });
      const scripted = scriptedJudge('A');
      judge.setHandler((request) => {
        const ask = judgeAskOf(request);
        if (!judgeHealed && ask && ask.answer.includes(answerText('m', 'ts-1', 1, 2, 2)))
          return { kind: 'context-length' };
        return scripted(request);
      });
      const items = Array.from({ length: 4 }, (_, i) => ({
        id: `ts-${i}`,
        category: 'traditional_safety',
        dimension: 'crime',
        turns: [question(`ts-${i}`), followUp(`ts-${i}`)],
      }));
      await writeFile(path.join(dir, 'items.jsonl'), jsonl(items));
      return configYaml({
        dataset: './items.jsonl',
        output: './run',
        models: [{ id: 'm', adapter: 'openai', model: 'm', baseURL: model.baseURL, apiKey: KEY }],
        judge: { id: 'judge', adapter: 'openai', model: 'j', baseURL: judge.baseURL, apiKey: KEY },
      });
    },
  });
  const calls = () => s.model.requests.filter(isChat).length + s.judge.requests.filter(isChat).length;
  const files = ['results.json', 'answers.csv', 'summary.txt'].map((f) => () => path.join(s.dir, 'run', f));
  const mtimes = () => Promise.all(files.map(async (f) => (await stat(f())).mtimeMs));
  const upToDate = /nothing to do/;
  let healed = '';

  it('after a judgment failed, runs again and asks for it', async () => {
    expect(s.run.code, s.run.stderr).toBe(0);
    expect(s.results.answers.filter((a) => a.outcome === 'judge_error')).toHaveLength(1);
    judgeHealed = true;
    const before = calls();
    const again = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(upToDate);
    // Only the judgment that failed is asked again.
    expect(calls() - before).toBe(1);
    healed = again.stdout;
  });

  it('once every call is stored: nothing to do, no request, the exports left as they were', async () => {
    const before = calls();
    const written = await mtimes();
    const json = await readFile(files[0]!(), 'utf8');
    const again = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(upToDate);
    expect(calls()).toBe(before);
    expect(await mtimes()).toEqual(written);
    expect(await readFile(files[0]!(), 'utf8')).toBe(json);
    // The same summary as the run that wrote the exports printed.
    expect(again.stdout).toBe(healed);
    const asJson = await runCli(['run', '-c', 'run.yaml', '--json'], s.dir);
    expect(asJson.code, asJson.stderr).toBe(0);
    expect(JSON.parse(asJson.stdout).leaderboard).toEqual(JSON.parse(json).leaderboard);
  });

  it('an export gone: the run is replayed from the store (no request) and the exports written again', async () => {
    await rm(files[1]!());
    const before = calls();
    const again = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(upToDate);
    expect(calls()).toBe(before);
    await stat(files[1]!());
    // …and from then on it is current again.
    const last = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(last.stderr).toMatch(upToDate);
  });

  it('another plan (--limit) is not current, and leaves the full plan not current either', async () => {
    const limited = await runCli(['run', '-c', 'run.yaml', '--limit', '2'], s.dir);
    expect(limited.code, limited.stderr).toBe(0);
    expect(limited.stderr).not.toMatch(upToDate);
    expect(JSON.parse(await readFile(files[0]!(), 'utf8')).answers).toHaveLength(4);
    const full = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(full.stderr).not.toMatch(upToDate);
    expect(JSON.parse(await readFile(files[0]!(), 'utf8')).answers).toHaveLength(8);
  });

  it('a file edited by hand is not current', async () => {
    const file = files[2]!();
    await writeFile(file, `${await readFile(file, 'utf8')}edited\n`);
    const again = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(again.stderr).not.toMatch(upToDate);
    expect(await readFile(file, 'utf8')).not.toMatch(/edited/);
  });
});
