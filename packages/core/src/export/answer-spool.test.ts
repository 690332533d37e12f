import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetItem } from '../dataset/types.js';
import type { AnswerRow } from '../engine/types.js';
import { answerCsvLine } from './answers-csv.js';
import { toResultsAnswer } from './answer-record.js';
import { AnswerSpool, type ByteSink } from './answer-spool.js';
import { prettyJson } from './pretty-json.js';
import { SecretLeakError } from './secrets-guard.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'answer-spool-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const item = (id: string, extra: Partial<DatasetItem> = {}): DatasetItem => ({
  id,
  category: 'traditional_safety',
  dimension: 'insult',
  turns: [`问题 ${id}`, `追问 ${id}`],
  ...extra,
});

const row = (model: string, itemId: string, round: 1 | 2, text = `${model}/${itemId}/${round}`): AnswerRow => ({
  model,
  itemId,
  category: 'traditional_safety',
  dimension: 'insult',
  round,
  outcome: 'scored',
  score: 2,
  text,
  reasoningText: '想一想',
  ...(round === 2 ? { previousReply: '上一轮' } : {}),
  usage: { inputTokens: 10, outputTokens: 5 },
  latencyMs: 12,
  answerKey: `k-${model}-${itemId}-${round}`,
  judgments: [{ judgeId: 'j', outcome: 'scored', score: 2, reason: '理由', usage: { inputTokens: 3 } }],
});

/** A sink that keeps what it was given. */
class Collect implements ByteSink {
  readonly parts: Buffer[] = [];
  async writeBytes(bytes: Buffer): Promise<void> {
    this.parts.push(Buffer.from(bytes));
  }
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}

async function rendered(spool: AnswerSpool, lines = { json: 1, csv: 1 }) {
  const json = new Collect();
  const csv = new Collect();
  await spool.writeRendered(json, csv, lines);
  return { json: json.text(), csv: csv.text(), lines };
}

describe('AnswerSpool', () => {
  it('keeps answers in model, item, round order whatever order they were added in, as often as asked', () => {
    const items = ['i1', 'i2', 'i3'].map((id) => item(id));
    const spool = new AnswerSpool([{ id: 'b' }, { id: 'a', system: '你是助手' }], items, { tmpDir: tmp });
    const added = [
      row('a', 'i2', 2),
      row('b', 'i3', 1),
      row('a', 'i1', 1),
      row('b', 'i1', 2),
      row('b', 'i1', 1),
      row('a', 'i2', 1),
    ];
    for (const r of added)
      spool.add(
        r,
        items.find((i) => i.id === r.itemId),
      );
    const order = ['b/i1/1', 'b/i1/2', 'b/i3/1', 'a/i1/1', 'a/i2/1', 'a/i2/2'];
    expect(spool.length).toBe(6);
    expect([...spool].map((a) => a.text)).toEqual(order);
    expect([...spool].map((a) => a.text)).toEqual(order);
    // Each answer as results.json holds it, the model's system prompt included.
    const aI21 = added[5]!;
    expect([...spool][4]).toEqual(toResultsAnswer(aI21, items[1], '你是助手'));
    expect([...spool.facts()].map((f) => `${f.model}/${f.itemId}/${f.round}`)).toEqual(order);
    spool.close();
  });

  it('keeps the facts the scoring and tallies read, and none of the texts', () => {
    const items = [item('i'), item('c', { expect: 'comply' })];
    const spool = new AnswerSpool([{ id: 'm' }], items, { tmpDir: tmp });
    const blocked: AnswerRow = {
      ...row('m', 'i', 1, ''),
      outcome: 'scored',
      vendorBlocked: true,
      block: { stage: 'output', code: '1301', message: '内容违规', partialText: '部分' },
      error: { kind: 'blocked', message: '供应商说明', attempts: 2 },
      warnings: [{ type: 'other', message: '警告' }],
      requestId: 'req-1',
      finishReason: { unified: 'content-filter', raw: 'sensitive' },
      servedModel: { id: 'm-2026' },
    };
    spool.add(blocked);
    spool.add(row('m', 'c', 1));
    const [facts, contrast] = [...spool.facts()];
    expect(facts).toEqual({
      model: 'm',
      itemId: 'i',
      category: 'traditional_safety',
      dimension: 'insult',
      round: 1,
      outcome: 'scored',
      score: 2,
      text: '',
      vendorBlocked: true,
      block: { stage: 'output', code: '1301', message: '' },
      error: { kind: 'blocked', message: '', attempts: 2 },
      usage: { inputTokens: 10, outputTokens: 5 },
      latencyMs: 12,
      answerKey: 'k-m-i-1',
      servedModel: { id: 'm-2026' },
      judgments: [{ judgeId: 'j', outcome: 'scored', score: 2, usage: { inputTokens: 3 } }],
    });
    // A contrast item's row is marked from its item (looked up by id when not given).
    expect(contrast?.contrast).toBe(true);
    spool.close();
  });

  it('writes results.json and answers.csv text byte for byte as the exports build it from the rows', async () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`i${i}`, i % 7 === 0 ? { turns: ['单轮'] } : {}));
    const spool = new AnswerSpool([{ id: 'm', system: '系统' }], items, { tmpDir: tmp });
    const rows: AnswerRow[] = [];
    for (const it of items)
      for (const round of it.turns.length === 1 ? [1 as const] : [1 as const, 2 as const]) {
        // Answers with quotes, line breaks, C1 controls, leading formula characters.
        rows.push(row('m', it.id, round, `=答"${it.id}"\n第二行\u0085${'长'.repeat(round * 300)}`));
      }
    for (const r of [...rows].reverse())
      spool.add(
        r,
        items.find((i) => i.id === r.itemId),
      );
    const answers = rows.map((r) =>
      toResultsAnswer(
        r,
        items.find((i) => i.id === r.itemId),
        '系统',
      ),
    );
    const out = await rendered(spool, { json: 5, csv: 2 });
    expect(out.json).toBe(
      answers.map((a, i) => `    ${prettyJson(a, 2)}${i < answers.length - 1 ? ',' : ''}\n`).join(''),
    );
    expect(out.csv).toBe(answers.map(answerCsvLine).join(''));
    // The line counts move past the answers, as the scanners count them.
    expect(out.lines.json).toBe(5 + out.json.split('\n').length - 1);
    expect(out.lines.csv).toBe(2 + out.csv.split('\n').length - 1);
    spool.close();
  });

  it('streams many large answers back exactly (records straddling read windows and write batches)', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `i${i}`);
    const spool = new AnswerSpool(
      [{ id: 'm' }],
      ids.map((id) => item(id)),
      { tmpDir: tmp },
    );
    const text = (i: number) => `回答${i}：${'安全'.repeat(i % 700)}`;
    // Out of order, so reads jump back and forth across windows.
    for (let i = 2999; i >= 0; i -= 2) spool.add(row('m', `i${i}`, 1, text(i)));
    for (let i = 0; i < 3000; i += 2) spool.add(row('m', `i${i}`, 1, text(i)));
    let n = 0;
    for (const a of spool) {
      expect(a.text).toBe(text(n));
      n++;
    }
    expect(n).toBe(3000);
    const { json } = await rendered(spool);
    const back = JSON.parse(`[${json}]`) as { text: string }[];
    expect(back.map((a) => a.text)).toEqual(ids.map((_, i) => text(i)));
    spool.close();
  });

  it('keeps an answer larger than its write buffer whole, between ordinary ones', async () => {
    const items = ['a', 'b', 'c'].map((id) => item(id));
    const spool = new AnswerSpool([{ id: 'm' }], items, { tmpDir: tmp });
    const huge = '长'.repeat(400_000);
    spool.add(row('m', 'a', 1, '前'));
    spool.add(row('m', 'b', 1, huge));
    spool.add(row('m', 'c', 1, '后'));
    expect([...spool].map((a) => a.text)).toEqual(['前', huge, '后']);
    const { json } = await rendered(spool);
    expect((JSON.parse(`[${json}]`) as { text: string }[]).map((a) => a.text)).toEqual(['前', huge, '后']);
    spool.close();
  });

  it('keeps the last answer of a slot, counted once', () => {
    const spool = new AnswerSpool([{ id: 'm' }], [item('i')], { tmpDir: tmp });
    spool.add(row('m', 'i', 1, 'first'));
    spool.add(row('m', 'i', 1, 'second'));
    expect(spool.length).toBe(1);
    expect([...spool].map((a) => a.text)).toEqual(['second']);
    spool.close();
  });

  it('refuses to write an answer holding a secret, naming the file and line, and forgets a replaced one', async () => {
    const secret = 'sk-live-0123456789abcdef';
    const items = [item('i1'), item('i2')];
    const spool = new AnswerSpool([{ id: 'm' }], items, { tmpDir: tmp, secrets: ['', secret] });
    spool.add(row('m', 'i1', 1));
    spool.add(row('m', 'i2', 1, `泄露 ${secret}`));
    const json = new Collect();
    const error = await spool.writeRendered(json, new Collect(), { json: 10, csv: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretLeakError);
    expect(error).toMatchObject({ file: 'results.json', secretIndex: 1 });
    // Line 10 starts the first answer; the leak is on the second answer's `text` line.
    // The same answers without the secret check: the reported line is the one that holds it.
    const probe = new AnswerSpool([{ id: 'm' }], items, { tmpDir: tmp });
    probe.add(row('m', 'i1', 1));
    probe.add(row('m', 'i2', 1, `泄露 ${secret}`));
    const clean = await rendered(probe, { json: 10, csv: 2 });
    probe.close();
    const lines = clean.json.split('\n');
    expect(lines[(error as SecretLeakError).line - 10]).toContain(secret);
    expect(json.parts).toEqual([]);
    // The slot written again without the secret: nothing is refused.
    spool.add(row('m', 'i2', 1, '干净'));
    await expect(rendered(spool)).resolves.toBeDefined();
    spool.close();
  });

  describe('follow', () => {
    const key = (f: AnswerRow) => `${f.model}/${f.itemId}/${f.round}`;

    it('hands each answer over once, in order, as soon as all before it are in; the rest is left for the end', () => {
      // i2 is single-turn: its round 2 never comes and must not hold the others up.
      const items = [item('i1'), item('i2', { turns: ['单轮'] }), item('i3'), item('i4')];
      const spool = new AnswerSpool([{ id: 'a' }, { id: 'b' }], items, { tmpDir: tmp });
      const given: string[] = [];
      spool.follow((f) => given.push(key(f)));
      const order = ['a/i1/2', 'a/i1/1', 'a/i2/1', 'b/i1/1', 'a/i3/1', 'a/i4/1', 'a/i3/2', 'b/i2/1', 'a/i4/2'];
      const after: string[][] = [];
      for (const k of order) {
        const [model, itemId, round] = k.split('/') as [string, string, string];
        spool.add(row(model, itemId, Number(round) as 1 | 2));
        after.push([...given]);
      }
      // Nothing before a/i1/1; then a/i1 both rounds and a/i2 (no round 2), and so on.
      expect(after[0]).toEqual([]);
      expect(after[1]).toEqual(['a/i1/1', 'a/i1/2']);
      expect(after[2]).toEqual(['a/i1/1', 'a/i1/2', 'a/i2/1']);
      expect(given).toEqual(['a/i1/1', 'a/i1/2', 'a/i2/1', 'a/i3/1', 'a/i3/2', 'a/i4/1', 'a/i4/2', 'b/i1/1']);
      expect(spool.followed).toBe(true);
      const left = [...spool.factsLeft()].map(key);
      expect(left).toEqual(['b/i2/1']);
      // Given plus left is every answer once, in order; the facts are those read back.
      expect([...given, ...left]).toEqual([...spool.facts()].map(key));
      spool.close();
    });

    it('catches up on answers that came early, a few read back from disk per answer added', () => {
      const ids = Array.from({ length: 6000 }, (_, i) => `i${i}`);
      const spool = new AnswerSpool(
        [{ id: 'a' }, { id: 'b' }],
        ids.map((id) => item(id, { turns: ['单轮'] })),
        {
          tmpDir: tmp,
        },
      );
      const given: AnswerRow[] = [];
      spool.follow((f) => given.push(f));
      // Model b finishes first: more answers than are kept in memory wait for model a.
      for (const id of ids) spool.add(row('b', id, 1, `b ${id}`));
      for (const id of ids.slice(0, 1000)) spool.add(row('a', id, 1));
      expect(given.length).toBe(1000);
      for (const id of ids.slice(1000)) spool.add(row('a', id, 1));
      // 5,000 more of a, each followed by up to 16 of b read back: b is partly caught up.
      expect(given.length).toBeGreaterThan(6000);
      expect(given.length).toBeLessThan(12000);
      const all = [...given, ...spool.factsLeft()];
      expect(all.map(key)).toEqual([...spool.facts()].map(key));
      expect(all.length).toBe(12000);
      spool.close();
    });

    it('stops following when an answer already handed over is written again, or the follower throws', () => {
      const items = [item('i1'), item('i2')];
      const replaced = new AnswerSpool([{ id: 'm' }], items, { tmpDir: tmp });
      replaced.follow(() => {});
      replaced.add(row('m', 'i1', 1));
      replaced.add(row('m', 'i1', 1, 'again'));
      expect(replaced.followed).toBe(false);
      expect(() => replaced.factsLeft()).toThrow(/intact follower/);
      replaced.close();

      const throwing = new AnswerSpool([{ id: 'm' }], items, { tmpDir: tmp });
      throwing.follow(() => {
        throw new Error('bad answer');
      });
      throwing.add(row('m', 'i1', 1));
      expect(throwing.followed).toBe(false);
      // Later answers still go to the spool.
      throwing.add(row('m', 'i1', 2));
      expect(throwing.length).toBe(2);
      throwing.close();
    });
  });

  it('rejects rows it has no slot for, and deletes its file on close', () => {
    const spool = new AnswerSpool([{ id: 'm' }], [item('i')], { tmpDir: tmp });
    expect(() => spool.add(row('x', 'i', 1))).toThrow(/unknown model "x"/);
    expect(() => spool.add(row('m', 'nope', 1))).toThrow(/unknown item "nope"/);
    expect(() => spool.add(row('m', 'i', 3 as 1))).toThrow(/round must be an integer from 1 to 2/);
    expect(readdirSync(tmp).some((d) => d.startsWith('sc-safety-answers-'))).toBe(true);
    spool.close();
    spool.close();
    expect(readdirSync(tmp).filter((d) => d.startsWith('sc-safety-answers-') && existsSync(path.join(tmp, d)))).toEqual(
      [],
    );
    expect(() => spool.add(row('m', 'i', 1))).toThrow(/after close/);
  });
});
