import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RowSpool } from './row-spool.js';
import type { AnswerRow } from './types.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'row-spool-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const row = (model: string, itemId: string, round: 1 | 2, text = `${model}/${itemId}/${round}`): AnswerRow => ({
  model,
  itemId,
  category: 'traditional_safety',
  dimension: 'insult',
  round,
  outcome: 'scored',
  score: 2,
  text,
  judgments: [{ judgeId: 'j', outcome: 'scored', score: 2, reason: '理由' }],
});

describe('RowSpool', () => {
  it('returns rows in model, item, round order whatever order they were added in, as often as asked', () => {
    const spool = new RowSpool(['b', 'a'], ['i1', 'i2', 'i3'], tmp);
    const added = [
      row('a', 'i2', 2),
      row('b', 'i3', 1),
      row('a', 'i1', 1),
      row('b', 'i1', 2),
      row('b', 'i1', 1),
      row('a', 'i2', 1),
    ];
    for (const r of added) spool.add(r);
    const order = ['b/i1/1', 'b/i1/2', 'b/i3/1', 'a/i1/1', 'a/i2/1', 'a/i2/2'];
    expect(spool.length).toBe(6);
    expect([...spool].map((r) => r.text)).toEqual(order);
    expect([...spool].map((r) => r.text)).toEqual(order);
    expect([...spool][0]).toEqual(row('b', 'i1', 1));
    spool.close();
  });

  it('keeps the last row of a slot, and counts it once', () => {
    const spool = new RowSpool(['m'], ['i'], tmp);
    spool.add(row('m', 'i', 1, 'first'));
    spool.add(row('m', 'i', 1, 'second'));
    expect(spool.length).toBe(1);
    expect([...spool].map((r) => r.text)).toEqual(['second']);
    spool.close();
  });

  it('streams many large rows back exactly (rows straddling read windows, multibyte text)', () => {
    const spool = new RowSpool(
      ['m'],
      Array.from({ length: 3000 }, (_, i) => `i${i}`),
      tmp,
    );
    const text = (i: number) => `回答${i}：${'安全'.repeat(i % 700)}`;
    // Out of order, so reads jump back and forth across windows.
    for (let i = 2999; i >= 0; i -= 2) spool.add(row('m', `i${i}`, 1, text(i)));
    for (let i = 0; i < 3000; i += 2) spool.add(row('m', `i${i}`, 1, text(i)));
    let n = 0;
    for (const r of spool) {
      expect(r.text).toBe(text(n));
      n++;
    }
    expect(n).toBe(3000);
    spool.close();
  });

  it('rejects rows it has no slot for, and deletes its file on close', () => {
    const spool = new RowSpool(['m'], ['i'], tmp);
    expect(() => spool.add(row('x', 'i', 1))).toThrow(/unknown model "x"/);
    expect(() => spool.add(row('m', 'nope', 1))).toThrow(/unknown item "nope"/);
    expect(readdirSync(tmp).some((d) => d.startsWith('sc-safety-rows-'))).toBe(true);
    spool.close();
    spool.close();
    expect(readdirSync(tmp).filter((d) => d.startsWith('sc-safety-rows-') && existsSync(path.join(tmp, d)))).toEqual(
      [],
    );
    expect(() => spool.add(row('m', 'i', 1))).toThrow(/after close/);
  });
});
