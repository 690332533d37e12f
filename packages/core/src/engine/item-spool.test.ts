import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ItemSpool } from './item-spool.js';
import type { EngineItem } from './types.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'item-spool-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const item = (n: number): EngineItem => ({
  id: `item-${n}`,
  category: 'traditional_safety',
  dimension: 'insult',
  turns: [`问题${n}：${'内容'.repeat(n % 300)}`, `追问${n}`],
  ...(n % 3 === 0 ? { system: `系统 ${n}` } : {}),
});

describe('ItemSpool', () => {
  it('gives every item back by position and by id, exactly as given', async () => {
    const items = Array.from({ length: 2000 }, (_, n) => item(n));
    const spool = await ItemSpool.write(items, tmp);
    expect(spool.length).toBe(2000);
    for (const n of [0, 1, 999, 1999, 5, 5, 1500]) expect(spool.at(n)).toEqual(items[n]);
    expect(spool.byId('item-1234')).toEqual(items[1234]);
    expect(spool.indexOf('item-77')).toBe(77);
    expect(spool.at(2000)).toBeUndefined();
    expect(spool.at(-1)).toBeUndefined();
    expect(spool.byId('nope')).toBeUndefined();
    expect([...Array(2000).keys()].every((n) => spool.at(n)!.turns[0] === items[n]!.turns[0])).toBe(true);
    spool.close();
  });

  it('reads items larger than its read window, and in any order', async () => {
    const big = { ...item(7), id: 'big', turns: ['大'.repeat(200_000), '尾'] };
    const items = [item(0), big, item(2), { ...big, id: 'big-2' }, item(4)];
    const spool = await ItemSpool.write(items, tmp);
    for (const n of [4, 3, 2, 1, 0, 1, 3]) expect(spool.at(n)).toEqual(items[n]);
    spool.close();
  });

  it('refuses duplicate ids, and deletes its file on close', async () => {
    await expect(ItemSpool.write([item(1), item(1)], tmp)).rejects.toThrow(/duplicate item id "item-1"/);
    const spool = await ItemSpool.write([item(1)], tmp);
    spool.close();
    spool.close();
    expect(readdirSync(tmp)).toEqual([]);
    expect(() => spool.at(0)).toThrow(/after close/);
  });

  it('writes the same spool asynchronously, letting timers run between chunks', async () => {
    const items = Array.from({ length: 3000 }, (_, n) => item(n));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    // Stall every chunk past the 20 ms turn budget, so each one ends with a turn of the event loop.
    const stringify = JSON.stringify;
    let calls = 0;
    JSON.stringify = ((value: unknown, ...rest: []) => {
      if (++calls % 200 === 0) {
        const until = performance.now() + 25;
        while (performance.now() < until);
      }
      return stringify(value, ...rest);
    }) as typeof JSON.stringify;
    const spool = await ItemSpool.write(items, tmp).finally(() => {
      JSON.stringify = stringify;
      clearInterval(timer);
    });
    expect(ticks).toBeGreaterThan(0);
    expect(spool.length).toBe(3000);
    expect([0, 1, 1499, 2999].map((n) => spool.at(n))).toEqual([0, 1, 1499, 2999].map((n) => items[n]));
    expect(spool.byId('item-2345')).toEqual(items[2345]);
    spool.close();
    await expect(ItemSpool.write([item(1), item(1)], tmp)).rejects.toThrow(/duplicate item id "item-1"/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('writes a stream of items as it comes, and refuses one that yields another count than announced', async () => {
    async function* stream(n: number) {
      for (let i = 0; i < n; i++) yield item(i);
    }
    const spool = await ItemSpool.write(stream(1200), tmp, 1200);
    expect(spool.length).toBe(1200);
    expect([0, 600, 1199].map((n) => spool.at(n))).toEqual([0, 600, 1199].map((n) => item(n)));
    spool.close();
    await expect(ItemSpool.write(stream(3), tmp, 4)).rejects.toThrow(/3 items, 4 announced/);
    await expect(ItemSpool.write(stream(5), tmp, 4)).rejects.toThrow(/more items than the 4 announced/);
    await expect(ItemSpool.write(stream(1), tmp)).rejects.toThrow(/needs its count/);
    // A stream that fails midway: its error, and no spool left behind.
    async function* failing() {
      yield item(1);
      throw new Error('the dataset broke');
    }
    await expect(ItemSpool.write(failing(), tmp, 2)).rejects.toThrow(/the dataset broke/);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
