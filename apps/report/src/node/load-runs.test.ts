import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRun, loadRuns, ReportInputError } from './load-runs.js';
import { singleTurnItems } from './render-report.js';
import { syntheticResults } from './synthetic-results.js';

describe('loadRuns', () => {
  it('reads run directories and results.json paths, labelling them by directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-'));
    const results = syntheticResults({ models: 2, pairs: 22, bootstrapIterations: 0 });
    for (const name of ['run-a', 'x/run-a']) {
      await mkdir(path.join(dir, name), { recursive: true });
      await writeFile(path.join(dir, name, 'results.json'), JSON.stringify(results));
    }
    const runs = await loadRuns([path.join(dir, 'run-a'), path.join(dir, 'x/run-a/results.json')]);
    expect(runs.map((r) => r.label)).toEqual(['run-a', 'run-a #2']);
    expect(runs[0]!.results.answers).toHaveLength(results.answers.length);
    // Streamed from the file, re-readable: as the parsed file would give.
    expect([...runs[0]!.results.answers]).toEqual(results.answers);
    expect([...runs[0]!.results.answers]).toHaveLength(results.answers.length);
    expect(runs[0]!.prepared.singleTurnItems).toEqual(singleTurnItems(results.answers));
    const { answers: _answers, ...header } = results;
    expect({ ...runs[1]!.results, answers: undefined }).toEqual({ ...header, answers: undefined });
  });

  it('gives the items without a follow-up as text when it reads the answers as byte strings', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-'));
    const results = syntheticResults({ models: 2, pairs: 22, bootstrapIterations: 0 });
    const answers = results.answers
      .filter((a) => a.round === 1 || !a.itemId.endsWith('1'))
      .map((a) => ({
        ...a,
        itemId: `题目-${a.itemId}`,
        ...(a.itemId.endsWith('1') ? { singleTurn: true as const } : {}),
      }));
    const file = path.join(dir, 'results.json');
    await writeFile(file, JSON.stringify({ ...results, answers }, null, 2));
    const expected = singleTurnItems(answers);
    expect(expected.length).toBeGreaterThan(0);
    expect((await loadRun(file)).prepared.singleTurnItems).toEqual(expected);
    const seen: string[] = [];
    const bytes = await loadRun(file, { answerStrings: 'utf8-bytes', onAnswer: (a) => seen.push(a.itemId) });
    expect(bytes.prepared.singleTurnItems).toEqual(expected);
    expect(seen).toEqual(answers.map((a) => Buffer.from(a.itemId, 'utf8').toString('latin1')));
  });

  it('hands each answer to onAnswer in the one pass that validates, and names the file when it throws', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-'));
    const results = syntheticResults({ models: 2, pairs: 22, bootstrapIterations: 0 });
    const file = path.join(dir, 'results.json');
    await writeFile(file, JSON.stringify(results));
    const seen: string[] = [];
    await loadRun(file, { onAnswer: (a) => seen.push(`${a.model}|${a.itemId}|${a.round}`) });
    expect(seen).toEqual(results.answers.map((a) => `${a.model}|${a.itemId}|${a.round}`));
    await expect(
      loadRun(file, {
        onAnswer: () => {
          throw new Error('cannot pack');
        },
      }),
    ).rejects.toThrow(`${file}: cannot pack`);
  });

  it('names the file and its problem for a missing, broken or foreign file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-'));
    await writeFile(path.join(dir, 'bad.json'), '{not json');
    await writeFile(path.join(dir, 'other.json'), JSON.stringify({ format: 'x' }));
    await writeFile(
      path.join(dir, 'future.json'),
      JSON.stringify({ ...syntheticResults({ models: 1, pairs: 22, bootstrapIterations: 0 }), schemaVersion: 4 }),
    );
    await expect(loadRuns([path.join(dir, 'nope')])).rejects.toThrow(ReportInputError);
    await expect(loadRuns([dir])).rejects.toThrow(/results\.json: cannot read/);
    await expect(loadRuns([path.join(dir, 'bad.json')])).rejects.toThrow(/not valid JSON/);
    await expect(loadRuns([path.join(dir, 'other.json')])).rejects.toThrow(/not a usable results file/);
    await expect(loadRuns([path.join(dir, 'future.json')])).rejects.toThrow(/schemaVersion/);
    await expect(loadRuns([])).rejects.toThrow(/at least one/);
  });
});
