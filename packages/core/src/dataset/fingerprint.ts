import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { DatasetItem } from './types.js';

/**
 * Incremental content fingerprint of a dataset: sha256 over the normalised items as canonical
 * JSON, one per line, in file order. Line endings, a BOM, key order, blank lines, Chinese versus
 * id names for categories and dimensions, and ignored unknown fields do not change it.
 */
export class Fingerprinter {
  private readonly hash: Hash = createHash('sha256');
  private done: string | undefined;

  add(item: DatasetItem): void {
    if (this.done !== undefined) throw new Error('fingerprint already computed; create a new Fingerprinter');
    this.hash.update(`${canonicalJson(item)}\n`, 'utf8');
  }

  /** `sha256:<hex>`; may be read more than once. */
  digest(): string {
    this.done ??= `sha256:${this.hash.digest('hex')}`;
    return this.done;
  }
}

/** The fingerprint of items already in memory (same value {@link Fingerprinter} gives). */
export function fingerprintItems(items: Iterable<DatasetItem>): string {
  const f = new Fingerprinter();
  for (const item of items) f.add(item);
  return f.digest();
}
