import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { META_BLOCK_ID, answersBlockId } from '../common/report-data.js';
import type { PackedAnswers, ReportMeta } from '../common/report-data.js';
import { unpackAnswers } from '../common/pack-answers.js';
import { buildAdaptiveLeaderboard } from '@sc-safety/results';
import { renderReport } from './render-report.js';
import { syntheticResults } from './synthetic-results.js';
import { DATA_PLACEHOLDER } from './template.js';

const TEMPLATE = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body>${DATA_PLACEHOLDER}</body></html>`;

function block(html: string, id: string): unknown {
  const m = new RegExp(
    `<script type="application/octet-stream" id="${id}" data-encoding="gzip\\+base64">([^<]*)</script>`,
  ).exec(html);
  if (!m) throw new Error(`no block ${id}`);
  return JSON.parse(gunzipSync(Buffer.from(m[1]!, 'base64')).toString('utf8'));
}

describe('renderReport', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    "$& $` $' $1",
    '<!--sc-safety:data-->',
  ];
  const a = syntheticResults({ models: 3, pairs: 30, bootstrapIterations: 50, hostileTexts: hostile, hostileEvery: 3 });
  const b = syntheticResults({ models: 2, pairs: 22, seed: 7, bootstrapIterations: 0 });

  it('embeds every run as compressed blocks that decode to the same data', async () => {
    const out = await renderReport(
      [
        { label: 'a', results: a },
        { label: 'b', results: b },
      ],
      { template: TEMPLATE, generatedAt: 'now' },
    );
    const meta = block(out.html, META_BLOCK_ID) as ReportMeta;
    expect(meta.runs.map((r) => r.label)).toEqual(['a', 'b']);
    expect(meta.runs[0]!.leaderboard).toEqual(a.leaderboard);
    expect(meta.runs[1]!.answerCount).toBe(b.answers.length);
    expect(meta.runs[1]!.answerChunks).toEqual([{ count: b.answers.length }]);
    expect(meta.dimensions).toHaveLength(22);
    const answers = unpackAnswers(block(out.html, answersBlockId(0, 0)) as PackedAnswers);
    expect(answers.map((x) => x.text)).toEqual(a.answers.map((x) => x.text));
    expect(out.answers).toBe(a.answers.length + b.answers.length);
    expect(out.dataBytes.embedded).toBeLessThan(out.dataBytes.raw);
  });

  it('lists the items that had no follow-up, once each, in answer order', async () => {
    const singles = new Set(['x-single-1', 'x-single-2']);
    const withSingles = {
      ...b,
      answers: [
        ...b.answers,
        ...[...singles].flatMap((itemId) =>
          b.models.map((m) => ({
            ...b.answers[0]!,
            model: m.id,
            itemId,
            round: 1 as const,
            singleTurn: true as const,
          })),
        ),
      ],
    };
    const out = await renderReport(
      [
        { label: 'b', results: withSingles },
        { label: 'a', results: a },
      ],
      { template: TEMPLATE, generatedAt: 'now' },
    );
    const meta = block(out.html, META_BLOCK_ID) as ReportMeta;
    expect(meta.runs[0]!.singleTurnItems).toEqual(['x-single-1', 'x-single-2']);
    expect(meta.runs[1]!.singleTurnItems).toEqual([]);
  });

  it("carries a run's calibration (sc-safety judge calibrate) to the page, and nothing for runs without one", async () => {
    const calibration = {
      answers: 4,
      multiplyRated: 4,
      labels: { file: 'labels.jsonl', sha256: 'sha256:x', ratings: 8, raters: ['r1', 'r2'] },
    };
    const out = await renderReport(
      [
        { label: 'a', results: { ...a, calibration } as typeof a },
        { label: 'b', results: b },
      ],
      { template: TEMPLATE, generatedAt: 'now' },
    );
    const meta = block(out.html, META_BLOCK_ID) as ReportMeta;
    expect(meta.runs[0]!.calibration).toEqual(calibration);
    expect(meta.runs[1]!.calibration).toBeNull();
  });

  it("carries an adaptive run's own board beside a frozen run, and each turn beyond 2 unpacks as itself", async () => {
    const adaptiveLeaderboard = buildAdaptiveLeaderboard(
      [
        { model: b.models[0]!.id, itemId: 'x', round: 1, outcome: 'scored', score: 2 },
        { model: b.models[0]!.id, itemId: 'x', round: 2, outcome: 'scored', score: 2, followup: { outcome: 'ok' } },
        { model: b.models[0]!.id, itemId: 'x', round: 3, outcome: 'scored', score: 0, followup: { outcome: 'ok' } },
      ],
      b.models,
      { turns: 3 },
    );
    const third = { ...b.answers[0]!, model: b.models[0]!.id, itemId: 'x', round: 3, mode: 'adaptive' as const };
    const adaptive = { ...b, answers: [third], adaptiveLeaderboard };
    const out = await renderReport(
      [
        { label: 'frozen', results: a },
        { label: 'adaptive', results: adaptive },
      ],
      { template: TEMPLATE, generatedAt: 'now' },
    );
    const meta = block(out.html, META_BLOCK_ID) as ReportMeta;
    expect(meta.runs[0]!.adaptiveLeaderboard).toBeUndefined();
    expect(meta.runs[1]!.adaptiveLeaderboard).toEqual(adaptiveLeaderboard);
    expect(meta.runs[1]!.adaptiveLeaderboard!.models[b.models[0]!.id]).toMatchObject({
      flips: 1,
      attackerOutcomes: { ok: 2 },
    });
    expect(unpackAnswers(block(out.html, answersBlockId(1, 0)) as PackedAnswers)[0]!.round).toBe(3);
  });

  it('never lets data text reach the markup: no raw tags, no placeholder tricks', async () => {
    const { html } = await renderReport([{ label: 'a', results: a }], { template: TEMPLATE });
    for (const h of hostile) expect(html).not.toContain(h);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain(DATA_PLACEHOLDER);
  });

  it('refuses a template without the placeholder, and an empty run list', async () => {
    await expect(renderReport([{ label: 'a', results: b }], { template: '<html></html>' })).resolves.toBeDefined();
    await expect(renderReport([], { template: TEMPLATE })).rejects.toThrow(/no runs/);
  });
});
