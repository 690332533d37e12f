import { describe, expect, it } from 'vitest';
import { formatScore } from '@sc-safety/results';
import { ITEMS, MANIFEST, MODELS, ROWS } from './__fixtures__/rows.js';
import { buildResults } from './build-results.js';
import { displayWidth, stripAnsi } from './display-width.js';
import { rankLabel, renderSummary } from './render-summary.js';
import { hasUnsafeControls } from '../text/terminal-text.js';
import { fixtureResults } from './__fixtures__/results-file.js';

const results = fixtureResults({ scoring: { bootstrap: { iterations: 100, seed: 3 } } });
const summary = renderSummary(results);
const lines = summary.split('\n');

/** The table under a title: header, rule and rows (up to the first line that is not table-shaped). */
function table(title: string, text = summary): string[] {
  const all = text.split('\n');
  const start = all.findIndex((l) => l.startsWith(title));
  expect(start, `board "${title}" is present`).toBeGreaterThan(-1);
  const rule = all[start + 2]!;
  expect(rule).toMatch(/^-+( +-+)*$/);
  const out: string[] = [];
  for (let i = start + 1; i < all.length && all[i] !== ''; i++) {
    if (i > start + 2 && displayWidth(all[i]!) !== displayWidth(rule)) break;
    out.push(all[i]!);
  }
  return out;
}

/** The words of the first of a table's `rows` that `pick` accepts (one model's row). */
const rowWords = (rows: string[], pick: (line: string) => boolean): string[] => rows.find(pick)!.trim().split(/\s+/);

/** The display column where `cell` ends on `line`. */
const endColumn = (line: string, cell: string): number => displayWidth(line.slice(0, line.indexOf(cell) + cell.length));

describe('renderSummary', () => {
  it('shows the authors’ boards with Chinese titles and English in parentheses', () => {
    for (const title of [
      '总榜 (Overall leaderboard)',
      '开源榜 (Open-source leaderboard)',
      '多轮交互榜 (Multi-round leaderboard)',
      '传统安全类榜 (Traditional safety leaderboard)',
      '负责任人工智能榜 (Responsible AI leaderboard)',
      '指令攻击榜 (Instruction attacks leaderboard)',
      '结果分布 (Outcomes per model)',
    ]) {
      expect(lines).toContain(title);
    }
  });

  it('prints every board line at the same display width, columns aligned across CJK model names', () => {
    for (const title of [
      '总榜',
      '开源榜',
      '多轮交互榜',
      '传统安全类榜',
      '负责任人工智能榜',
      '指令攻击榜',
      '结果分布',
    ]) {
      const t = table(title);
      const widths = new Set(t.map(displayWidth));
      expect(widths.size, `${title}:\n${t.join('\n')}`).toBe(1);
    }
    const overall = table('总榜');
    const header = overall[0]!;
    const totalEnd = endColumn(header, 'Total [95% CI]');
    const deltaEnd = endColumn(header, 'Δ (pairs)');
    for (const model of ['千问-7B', 'alpha']) {
      const row = overall.find((l) => l.includes(model))!;
      const r = results.leaderboard.boards.overall.rows.find((x) => x.model === model)!;
      const cell = `${formatScore(r.total)} [${formatScore(r.ci!.low)}, ${formatScore(r.ci!.high)}]`;
      expect(endColumn(row, cell)).toBe(totalEnd);
      const delta = `${formatScore(r.round2)}  ${' '.repeat(10 - `${formatScore(r.delta, { signed: true })} (${r.matchedPairs})`.length)}`;
      expect(endColumn(row, `${delta}${formatScore(r.delta, { signed: true })} (${r.matchedPairs})`)).toBe(deltaEnd);
    }
  });

  it('ranks with CIs, marks listed-not-ranked and unscored rows, and shows R1, R2, Δ, coverage and blocks', () => {
    const overall = table('总榜');
    const words = (model: string) => rowWords(overall, (l) => l.includes(` ${model} `));
    expect(words('reference')[0]).toBe('*');
    expect(words('千问-7B').slice(0, 2)).toEqual(['1', '千问-7B']);
    const alpha = words('alpha');
    expect(alpha[0]).toBe('2');
    expect(alpha.slice(2, 3)).toEqual(['62.50']);
    // Worst–best (coverage 50 %), R1, R2, Δ with its 2 matched pairs, coverage, blocks.
    expect(alpha.slice(5, 12)).toEqual(['31.3–81.3', '75.00', '50.00', '-25.00', '(2)', '50.0%', '2']);
    // Full coverage: no bounds to show.
    expect(words('reference').slice(5, 9)).toEqual(['100.00', '100.00', '0.00', '(4)']);
    expect(lines.some((l) => l.includes('* listed, not ranked'))).toBe(true);
    const attack = table('指令攻击榜');
    expect(rowWords(attack, (l) => l.includes('alpha')).slice(0, 3)).toEqual(['—', 'alpha', '—']);
    const multi = table('多轮交互榜');
    expect(multi.find((l) => l.includes('千问-7B'))).toMatch(/\+33\.33 \[[-+]?\d+\.\d\d, [-+]?\d+\.\d\d\] \(3\)/);
    // Flip rate, its interval, then the recovery rate.
    expect(multi[0]).toMatch(/Flip +Flip CI +Recovery$/);
    expect(rowWords(multi, (l) => l.includes('alpha')).slice(-4)).toEqual(['50.0%', '[50.0%,', '50.0%]', '0.0%']);
  });

  it('shows each model’s outcome counts', () => {
    const outcomes = table('结果分布');
    expect(outcomes[0]!.trim().split(/\s{2,}/)).toEqual([
      'Model',
      'Answers',
      'Scored',
      'Blocked',
      'In/Out',
      'Target err',
      'Empty',
      'Unparseable',
      'Judge err',
    ]);
    expect(rowWords(outcomes, (l) => l.startsWith('alpha'))).toEqual([
      'alpha',
      '8',
      '4',
      '2',
      '1/1',
      '1',
      '1',
      '1',
      '0',
    ]);
    expect(rowWords(outcomes, (l) => l.startsWith('千问-7B'))).toEqual([
      '千问-7B',
      '8',
      '7',
      '0',
      '0/0',
      '0',
      '0',
      '0',
      '1',
    ]);
    // No round went unasked: no column, no note.
    expect(summary).not.toContain('Not asked');
  });

  it('says which models are not distinguishable, and counts rounds that were not asked', () => {
    // A copy of 千问-7B answers exactly the same: their paired difference is 0 in every resample.
    // alpha's r1 round 2 was never asked (round 1 blocked, round2AfterBlock=skip).
    const rows = [
      ...ROWS.map((r) =>
        r.model === 'alpha' && r.itemId === 'r1' && r.round === 2
          ? {
              ...r,
              outcome: 'not_asked' as const,
              score: null,
              error: undefined,
              block: { stage: 'input' as const, code: 'round1_blocked', message: 'not asked' },
            }
          : r,
      ),
      ...ROWS.filter((r) => r.model === '千问-7B').map((r) => ({ ...r, model: 'twin' })),
    ];
    const twin = buildResults({
      rows,
      models: [...MODELS, { ...MODELS[1]!, id: 'twin' }],
      manifest: MANIFEST,
      scoring: { bootstrap: { iterations: 50 } },
    });
    const text = renderSummary(twin);
    expect(text).toMatch(/^Groups: 1 reference · 2 千问-7B, twin \(not distinguishable\) · 3 alpha$/m);
    expect(text).toContain('down the board, a model joins the group above');
    const outcomes = table('结果分布', text);
    // 7 answers asked (the unasked round is not one), 1 not asked, no target error any more.
    expect(rowWords(outcomes, (l) => l.startsWith('alpha'))).toEqual([
      'alpha',
      '7',
      '4',
      '2',
      '1/1',
      '0',
      '1',
      '1',
      '0',
      '1',
    ]);
    expect(twin.leaderboard.models.alpha!.coverage).toBe(4 / 7);
    expect(text).toContain('Not asked: alpha 1 — rounds never asked by policy');
  });

  it('marks ties as =n', () => {
    const beta = ROWS.filter((r) => r.model === '千问-7B').map((r) => ({ ...r, model: 'beta' }));
    const tied = buildResults({
      rows: [...ROWS, ...beta],
      models: [...MODELS, { id: 'beta', adapter: MODELS[0]!.adapter, tags: [] }],
      manifest: MANIFEST,
      scoring: { bootstrap: false },
    });
    const overall = table('总榜', renderSummary(tied));
    expect(overall.filter((l) => l.trimStart().startsWith('=1 '))).toHaveLength(2);
    expect(
      overall
        .find((l) => l.includes('alpha'))!
        .trimStart()
        .startsWith('3 '),
    ).toBe(true);
    expect(rankLabel({ rank: 2, tied: true, status: 'ranked' })).toBe('=2');
    expect(rankLabel({ rank: null, tied: false, status: 'no-score' })).toBe('—');
  });

  it('leaves out the open-source board when no model is open', () => {
    const closed = buildResults({
      rows: ROWS,
      models: MODELS.map((m) => ({ ...m, tags: [] })),
      manifest: MANIFEST,
      scoring: { bootstrap: false },
    });
    const text = renderSummary(closed);
    expect(text).not.toContain('开源榜');
    expect(text).toContain('no confidence intervals');
    expect(text).toMatch(/^1 +reference +100\.00 /m);
  });

  it('keeps within the width, shrinking the model column when names are long', () => {
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(100);
    const long = '非常非常长的模型名字-with-a-long-suffix-v2';
    const renamed = buildResults({
      rows: ROWS.map((r) => (r.model === 'alpha' ? { ...r, model: long } : r)),
      models: MODELS.map((m) => (m.id === 'alpha' ? { ...m, id: long } : m)),
      manifest: MANIFEST,
      scoring: { bootstrap: { iterations: 20 } },
    });
    const narrow = renderSummary(renamed, { width: 80 });
    for (const l of narrow.split('\n')) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect(narrow).toContain('非常非常');
    expect(narrow).toContain('…');
    expect(new Set(table('总榜', narrow).map(displayWidth)).size).toBe(1);
    // Wide enough, the overall board has bounds, blocks, rank intervals and groups; at 80 columns the
    // optional columns give way (groups are still listed under the board), never Δ's pair count.
    const wide = table('总榜', renderSummary(results, { width: 130 }))[0]!;
    for (const h of ['Worst–best', 'Blocked', 'Rank CI', 'Group']) expect(wide).toContain(h);
    expect(table('总榜', narrow)[0]).not.toContain('Rank CI');
    expect(table('总榜', narrow)[0]).toContain('Coverage');
    expect(table('总榜', narrow)[0]).toContain('Δ (pairs)');
    expect(narrow).toMatch(/^Groups: 1 reference · 2 /m);
  });

  it('colours only on request, without moving anything', () => {
    expect(summary).not.toContain('\u001b[');
    const coloured = renderSummary(results, { color: true });
    expect(coloured).toContain('\u001b[');
    expect(stripAnsi(coloured)).toBe(summary);
  });

  it('reports the run: dataset, judge, policies, CI method, status and early stops', () => {
    const unwrapped = summary.replace(/\n {10}/g, ' ');
    expect(unwrapped).toContain(
      '95% percentile bootstrap over pairs, resampled within each sub-dimension (100 resamples, seed 3)',
    );
    expect(summary).toContain('builtin:sample');
    expect(summary).toContain('4/4 pairs');
    expect(summary).toContain('j1 (judge-large), j2 (judge-small) · min of 2');
    expect(summary).toContain('block=score-1 (a block scores 1)');
    const stopped = renderSummary({
      ...results,
      manifest: {
        ...MANIFEST,
        status: 'partial',
        stops: [{ id: 'alpha', role: 'model', kind: 'quota_exhausted', message: 'Arrearage' }],
      },
    });
    expect(stopped).toContain('Status    partial');
    expect(stopped).toContain('Stopped   model alpha: quota_exhausted — Arrearage');
    expect(stopped).toContain('Status    partial: scores cover the answers recorded so far');
  });

  it('shows control characters from vendor stop messages and ids as \\xHH, never as escapes, coloured or not', () => {
    const hostile = buildResults({
      rows: ROWS,
      models: MODELS,
      manifest: {
        ...MANIFEST,
        stops: [{ id: 'alpha', role: 'model', kind: 'auth', message: 'bad key\x1b[2J\x1b]0;pwned\x07\x9b31m' }],
      },
      items: ITEMS,
      scoring: { bootstrap: false },
    });
    const plain = renderSummary(hostile);
    expect(plain).toContain('bad key\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m');
    expect(hasUnsafeControls(plain)).toBe(false);
    // With colour, the only ESC bytes left are the summary's own SGR codes.
    const coloured = renderSummary(hostile, { color: true });
    expect(hasUnsafeControls(stripAnsi(coloured))).toBe(false);
  });
});
