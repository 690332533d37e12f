/**
 * Distinct string ids numbered 0, 1, 2, … in the order they are added, kept in typed arrays: the
 * ids' characters end to end, where each one starts, and an open-addressing table of positions.
 *
 * Why not a `Map<string, number>`: a run numbers every item of its dataset (the item spool, the
 * scorer), and 250,000 ids of 12 characters take 15.3 MB of live heap in a Map, which V8 then
 * lets grow by half again before it collects; this keeps them in 7.4 MB, outside the heap
 * (`bench/README.md`, issue 19). Characters are stored one byte each until an id needs more,
 * then two; ids are compared character by character, so any string works, lone surrogates included.
 */
export class IdIndex {
  /** Every id's characters, end to end (`#wide`: UTF-16 code units, else Latin-1 bytes). */
  #chars: Uint8Array | Uint16Array = new Uint8Array(1024);
  #wide = false;
  #charCount = 0;
  /** Where id `i` starts in `#chars`; it ends where `i + 1` starts. */
  #starts = new Uint32Array(257);
  #size = 0;
  /** Open addressing, linear probing: each slot holds an id's number, or -1. Never over half full. */
  #slots = new Int32Array(512).fill(-1);

  /** How many ids were added. */
  get size(): number {
    return this.#size;
  }

  /** The number of `id`, or `undefined` if it was never added. */
  get(id: string): number | undefined {
    return this.#find(id, hashOf(id));
  }

  /** Adds `id` if it is new and returns its number (an id added before keeps its number). */
  add(id: string): number {
    const hash = hashOf(id);
    const known = this.#find(id, hash);
    if (known !== undefined) return known;
    const i = this.#size;
    this.#store(id);
    if (2 * (this.#size + 1) > this.#slots.length) this.#rehash(2 * this.#slots.length);
    else this.#place(i, hash);
    this.#size++;
    return i;
  }

  /** The id numbered `i` (0 ≤ i < size). */
  idAt(i: number): string {
    if (!Number.isInteger(i) || i < 0 || i >= this.#size) throw new RangeError(`IdIndex: no id numbered ${i}`);
    return this.#decode(this.#starts[i]!, this.#starts[i + 1]!);
  }

  /**
   * The first `count` ids (default: all), in number order: the characters decoded once, each id a
   * slice of them. Ids are only ever added, so the first `count` are the same whenever asked.
   */
  ids(count = this.#size): string[] {
    if (!Number.isInteger(count) || count < 0 || count > this.#size)
      throw new RangeError(`IdIndex: cannot list ${count} of ${this.#size} ids`);
    const starts = this.#starts;
    const all = this.#decode(0, starts[count]!);
    const out = new Array<string>(count);
    for (let i = 0; i < out.length; i++) out[i] = all.slice(starts[i]!, starts[i + 1]!);
    return out;
  }

  /** The characters from `start` to `end` as a string. */
  #decode(start: number, end: number): string {
    let out = '';
    // In slices, so a long run stays within the arguments a call may take.
    for (let at = start; at < end; at += DECODE_SLICE)
      out += String.fromCharCode.apply(
        null,
        this.#chars.subarray(at, Math.min(end, at + DECODE_SLICE)) as unknown as number[],
      );
    return out;
  }

  /** An independent copy. */
  clone(): IdIndex {
    const copy = new IdIndex();
    copy.#chars = this.#chars.slice();
    copy.#wide = this.#wide;
    copy.#charCount = this.#charCount;
    copy.#starts = this.#starts.slice();
    copy.#size = this.#size;
    copy.#slots = this.#slots.slice();
    return copy;
  }

  #find(id: string, hash: number): number | undefined {
    const mask = this.#slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const i = this.#slots[at]!;
      if (i === -1) return undefined;
      if (this.#is(i, id)) return i;
    }
  }

  #is(i: number, id: string): boolean {
    const start = this.#starts[i]!;
    if (this.#starts[i + 1]! - start !== id.length) return false;
    const chars = this.#chars;
    for (let k = 0; k < id.length; k++) if (chars[start + k] !== id.charCodeAt(k)) return false;
    return true;
  }

  /** Appends `id`'s characters as the next id (its number is `#size`). */
  #store(id: string): void {
    const need = this.#charCount + id.length;
    if (!this.#wide) {
      for (let k = 0; k < id.length; k++)
        if (id.charCodeAt(k) > 0xff) {
          const wide = new Uint16Array(Math.max(this.#chars.length, need));
          wide.set(this.#chars.subarray(0, this.#charCount));
          this.#chars = wide;
          this.#wide = true;
          break;
        }
    }
    if (need > this.#chars.length) {
      const grown = this.#wide
        ? new Uint16Array(Math.max(need, 2 * this.#chars.length))
        : new Uint8Array(Math.max(need, 2 * this.#chars.length));
      grown.set(this.#chars.subarray(0, this.#charCount));
      this.#chars = grown;
    }
    const chars = this.#chars;
    for (let k = 0; k < id.length; k++) chars[this.#charCount + k] = id.charCodeAt(k);
    this.#charCount = need;
    if (this.#size + 2 > this.#starts.length) {
      const grown = new Uint32Array(2 * this.#starts.length);
      grown.set(this.#starts);
      this.#starts = grown;
    }
    this.#starts[this.#size + 1] = need;
  }

  #place(i: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let at = hash & mask;
    while (this.#slots[at] !== -1) at = (at + 1) & mask;
    this.#slots[at] = i;
  }

  /** A table of `slots` slots holding every id so far and the one being added (numbered `#size`). */
  #rehash(slots: number): void {
    this.#slots = new Int32Array(slots).fill(-1);
    for (let i = 0; i <= this.#size; i++) this.#place(i, this.#hashAt(i));
  }

  #hashAt(i: number): number {
    let h = FNV_OFFSET;
    for (let k = this.#starts[i]!; k < this.#starts[i + 1]!; k++) h = Math.imul(h ^ this.#chars[k]!, FNV_PRIME);
    return h >>> 0;
  }
}

/** Characters decoded per `String.fromCharCode` call. */
const DECODE_SLICE = 4096;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the UTF-16 code units: the same as `#hashAt` over the stored characters. */
function hashOf(id: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), FNV_PRIME);
  return h >>> 0;
}
