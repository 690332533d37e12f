import { afterAll, describe, expect, it } from 'vitest';
import { itemLine, tempDir } from '../dataset/__fixtures__/temp-files.js';
import { DatasetError } from '../dataset/errors.js';
import { loadDataset } from '../dataset/load.js';
import type { EngineItem } from '../engine/types.js';
import { shardOf } from '../store/shard.js';
import { estimatePlan } from './estimate-plan.js';
import { runItems, scanRunItems } from './run-items.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** 40 items: every 5th single-turn, every 7th with three turns, every 3rd with a system prompt. */
const lines = Array.from({ length: 40 }, (_, n) =>
  itemLine({
    id: `item-${n}`,
    turns: n % 5 === 0 ? [`问题${n}`] : n % 7 === 0 ? [`问题${n}`, `追问${n}`, `再问${n}`] : [`问题${n}`, `追问${n}`],
    ...(n % 3 === 0 ? { system: `系统${n}` } : {}),
  }),
);
const datasetFile = tmp.write('items.jsonl', `${lines.join('\n')}\n`);
const contrastFile = tmp.write(
  'contrast.jsonl',
  `${[1, 2, 3].map((n) => itemLine({ id: `c-${n}`, turns: [`请帮忙${n}`], expect: 'comply' })).join('\n')}\n`,
);

async function collect(stream: AsyncIterable<EngineItem>): Promise<EngineItem[]> {
  const out: EngineItem[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe('scanRunItems and runItems', () => {
  const cases = [
    { name: 'all', limit: undefined, shard: undefined },
    { name: 'limit 25', limit: 25, shard: undefined },
    { name: 'shard 1/3', limit: undefined, shard: { index: 1, count: 3 } },
    { name: 'limit 30, shard 0/2', limit: 30, shard: { index: 0, count: 2 } },
  ];

  it.each(cases)(
    '$name: the items and counts of the whole dataset loaded, limited, then sharded',
    async ({ limit, shard }) => {
      const all = (await loadDataset(datasetFile)).items;
      let expected = limit ? all.slice(0, limit) : all;
      if (shard) expected = expected.filter((i) => shardOf(i.id, shard.count) === shard.index);
      const selection = { dataset: datasetFile, limit, shard };
      const scan = await scanRunItems(selection);
      expect(await collect(runItems(selection, scan))).toEqual(expected);
      expect(scan.count).toBe(expected.length);
      expect(scan.itemCount).toBe(40);
      expect(scan.extraTurns).toBe(expected.filter((i) => i.turns.length > 2).length);
      expect(scan.writtenFollowups).toBe(expected.filter((i) => i.turns.length > 1).length);
      expect(scan.hasContrast).toBe(false);
      const plan = (items: EngineItem[] | typeof scan.tally) =>
        estimatePlan({
          items,
          targets: [{ entry: { id: 'm', params: {} } as never }],
          judges: [{ entry: { id: 'j', params: {} } as never }],
          outDir: 'out',
          datasetRef: 'd',
        });
      expect(plan(scan.tally)).toEqual(plan(expected));
    },
  );

  it('adds the contrast set after the dataset, and refuses a contrast id the run also asks', async () => {
    const selection = { dataset: datasetFile, limit: 4 };
    const scan = await scanRunItems(selection, { contrast: { ref: 'c', path: contrastFile } });
    const items = await collect(runItems(selection, scan));
    expect(items.map((i) => i.id)).toEqual(['item-0', 'item-1', 'item-2', 'item-3', 'c-1', 'c-2', 'c-3']);
    expect(scan.count).toBe(7);
    expect(scan.hasContrast).toBe(true);
    expect(scan.writtenFollowups).toBe(3);
    const clash = tmp.write('clash.jsonl', `${itemLine({ id: 'item-2', turns: ['请帮忙'], expect: 'comply' })}\n`);
    await expect(scanRunItems(selection, { contrast: { ref: 'c', path: clash } })).rejects.toThrow(
      /item id "item-2" is also in the dataset/,
    );
    // Outside the run's limit the same id is no clash (as when the items were loaded whole).
    const later = tmp.write('later.jsonl', `${itemLine({ id: 'item-30', turns: ['请帮忙'], expect: 'comply' })}\n`);
    expect((await scanRunItems(selection, { contrast: { ref: 'c', path: later } })).count).toBe(5);
  });

  it('ends with an error naming the file when the dataset changed between the two reads', async () => {
    const file = tmp.write('changing.jsonl', `${lines.slice(0, 5).join('\n')}\n`);
    const selection = { dataset: file };
    const scan = await scanRunItems(selection);
    tmp.write('changing.jsonl', `${lines.slice(0, 6).join('\n')}\n`);
    const error = await collect(runItems(selection, scan)).catch((e: unknown) => e);
    // A DatasetError: the CLI prints it as it is and exits 2, as for any bad dataset.
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/changing\.jsonl: the dataset changed while the run was starting/);
  });
});
