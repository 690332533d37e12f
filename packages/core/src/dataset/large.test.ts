import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { streamDataset, validateDataset } from './load.js';
import { tempDir } from './__fixtures__/temp-files.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const DIMS = [
  ['traditional_safety', 'crime'],
  ['responsible_ai', '环境友好'],
  ['instruction_attack', 'goal_hijacking'],
] as const;

async function writeLarge(path: string, count: number): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  for (let i = 0; i < count; i++) {
    const [category, dimension] = DIMS[i % DIMS.length]!;
    const line = `${JSON.stringify({ id: `item-${i}`, category, dimension, turns: [`第${i}个问题：这件事应该怎么做？`, `追问${i}：那如果换一种说法呢？`] })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('a 100k-item JSONL file', () => {
  it('streams every item with correct counts', async () => {
    const path = tmp.dir + '/large.jsonl';
    await writeLarge(path, 100_000);
    let count = 0;
    let crime = 0;
    let last = '';
    for await (const item of streamDataset(path)) {
      count++;
      if (item.dimension === 'crime') crime++;
      last = item.id;
    }
    expect(count).toBe(100_000);
    expect(crime).toBe(33_334);
    expect(last).toBe('item-99999');
    const result = await validateDataset(path);
    expect(result).toMatchObject({ ok: true, itemCount: 100_000, errorCount: 0 });
  });
});
