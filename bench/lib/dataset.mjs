// Bench datasets: the sample set's items repeated with unique ids and a numbered suffix on each
// turn, so every item's messages (and so every content address) differ and no call is served from
// the store. Real categories, dimensions and text lengths, in the JSONL format `sc-safety` reads.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { SAMPLE_DATASET } from './paths.mjs';

function templates() {
  return (
    readFileSync(SAMPLE_DATASET, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line))
      // The first line is the set's header (`$schema`, name, version), not an item.
      .filter((record) => Array.isArray(record.turns))
  );
}

/** Item `k` of a bench dataset built from `base` templates. */
function item(base, k) {
  const t = base[k % base.length];
  const n = String(k).padStart(6, '0');
  return {
    id: `bench-${n}`,
    category: t.category,
    dimension: t.dimension,
    turns: [`${t.turns[0]}（编号 ${n}）`, `${t.turns[1]}（编号 ${n}）`],
  };
}

/** `count` items in memory (engine-level runs that skip the dataset loader). */
export function benchItems(count) {
  const base = templates();
  return Array.from({ length: count }, (_, k) => item(base, k));
}

/** Writes `count` items as JSONL to `file`, streaming, so the writer stays small. */
export async function writeBenchDataset(file, count) {
  const base = templates();
  const out = createWriteStream(file);
  for (let k = 0; k < count; k++) {
    if (!out.write(`${JSON.stringify(item(base, k))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
