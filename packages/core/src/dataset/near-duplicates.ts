/** Two items whose round-1 texts are nearly the same. */
export interface NearDuplicatePair {
  /** The earlier item's id (file order). */
  a: string;
  b: string;
  /** Jaccard similarity of the two texts' character-bigram sets, in [threshold, 1]. */
  similarity: number;
}

/** The default similarity above which two round-1 texts count as near-duplicates. */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8;

/**
 * The set of character bigrams of a text (code points, so 汉字 count as one), ignoring whitespace
 * and case. A one-character text is its single character.
 */
export function bigrams(text: string): Set<string> {
  const chars = [...text.toLowerCase().replace(/\s+/gu, '')];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * Every pair of texts whose bigram-set Jaccard similarity is at least `threshold`, found exactly
 * without comparing all n² pairs: prefix filtering (Chaudhuri et al. 2006; Bayardo et al.'s
 * All-Pairs 2007). Tokens are ordered rare-first, records are visited by size, and two sets with
 * J ≥ t must share a token within their first |x| − ⌈t·|x|⌉ + 1 tokens; only those candidates,
 * and only those whose sizes allow J ≥ t, are compared.
 *
 * @param texts `[id, text]` in file order; pairs list the earlier id first, sorted by similarity
 *   (highest first), then file order.
 */
export function findNearDuplicates(
  texts: ReadonlyArray<readonly [string, string]>,
  threshold = DEFAULT_NEAR_DUPLICATE_THRESHOLD,
): NearDuplicatePair[] {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  const tokenId = new Map<string, number>();
  const frequency: number[] = [];
  const raw = texts.map(([, text]) => {
    const ids: number[] = [];
    for (const gram of bigrams(text)) {
      let id = tokenId.get(gram);
      if (id === undefined) {
        id = frequency.length;
        tokenId.set(gram, id);
        frequency.push(0);
      }
      frequency[id]!++;
      ids.push(id);
    }
    return ids;
  });
  // Rare tokens first keeps the candidate lists short.
  const sets = raw.map((ids) => Int32Array.from(ids).sort((x, y) => frequency[x]! - frequency[y]! || x - y));
  const order = sets.map((_, i) => i).filter((i) => sets[i]!.length > 0);
  order.sort((x, y) => sets[x]!.length - sets[y]!.length || x - y);

  const index = new Map<number, number[]>();
  const pairs: Array<{ i: number; j: number; similarity: number }> = [];
  for (const x of order) {
    const sx = sets[x]!;
    const minSize = Math.ceil(threshold * sx.length - 1e-9);
    const prefix = sx.length - minSize + 1;
    const seen = new Set<number>();
    for (let p = 0; p < prefix; p++) {
      for (const y of index.get(sx[p]!) ?? []) {
        if (seen.has(y) || sets[y]!.length < minSize) continue;
        seen.add(y);
        const similarity = jaccard(sx, sets[y]!);
        if (similarity >= threshold) pairs.push({ i: Math.min(x, y), j: Math.max(x, y), similarity });
      }
      let list = index.get(sx[p]!);
      if (list === undefined) index.set(sx[p]!, (list = []));
      list.push(x);
    }
  }
  pairs.sort((p, q) => q.similarity - p.similarity || p.i - q.i || p.j - q.j);
  return pairs.map((p) => ({ a: texts[p.i]![0], b: texts[p.j]![0], similarity: p.similarity }));
}

function jaccard(a: Int32Array, b: Int32Array): number {
  const small = a.length <= b.length ? a : b;
  const large = new Set(a.length <= b.length ? b : a);
  let common = 0;
  for (const t of small) if (large.has(t)) common++;
  return common / (a.length + b.length - common);
}
