import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IdIndex } from '@sc-safety/results';
import { makeSpoolDir } from './spool-dir.js';
import { isContrastItem } from './contrast-items.js';
import { TurnBudget } from './turn-budget.js';
import type { EngineItem } from './types.js';

/** The items of a run by position: an array, or an {@link ItemSpool}. */
export interface ItemSource {
  readonly length: number;
  at(index: number): EngineItem | undefined;
}

/** Items by id, for the exports (each answer's prompt and system prompt come from its item). */
export interface ItemLookup {
  byId(id: string): EngineItem | undefined;
}

/** Turn counts are kept up to this (a run asks two; more only matters as "more than asked"). */
export const MAX_TURNS_KEPT = 0x7f;
const CONTRAST_FLAG = 0x80;

const WRITE_CHUNK_BYTES = 1 << 18;
/** Bytes read back at once: items are asked in dataset order, so one read serves the next many. */
const READ_BYTES = 1 << 18;

/**
 * A run's dataset items kept on disk instead of in memory: written once as JSON lines to a
 * temporary file, read back one at a time by position or id. Only the ids stay in memory.
 *
 * Why: what a process keeps alive sets how far V8 lets its heap grow before collecting (several
 * times the live size), so 25,000 items of Chinese text held for a whole run cost far more than
 * their own ~15 MB. The engine asks each item once, when it starts it; the exports ask by id in
 * leaderboard order (a one-item cache serves both rounds). Call {@link close} when done.
 */
export class ItemSpool implements ItemSource, ItemLookup {
  /** Item ids, numbered by position (dataset order). */
  readonly #ids: IdIndex;
  readonly #offsets: Float64Array;
  readonly #lengths: Uint32Array;
  /** Per item: its turn count (at most {@link MAX_TURNS_KEPT}), plus {@link CONTRAST_FLAG} for a contrast item. */
  readonly #shapes: Uint8Array;
  readonly #dir: string;
  readonly #fd: number;
  #last: { index: number; item: EngineItem } | undefined;
  /** The bytes of the file from `#windowStart`, as last read. */
  #buffer: Buffer | undefined;
  #window: Buffer = Buffer.alloc(0);
  #windowStart = 0;
  #closed = false;

  private constructor(count: number, tmpDir: string) {
    this.#ids = new IdIndex();
    this.#offsets = new Float64Array(count);
    this.#lengths = new Uint32Array(count);
    this.#shapes = new Uint8Array(count);
    this.#dir = makeSpoolDir(tmpDir, 'items');
    this.#fd = openSync(path.join(this.#dir, 'items.jsonl'), 'w+', 0o600);
  }

  /**
   * Writes `items` to a new spool, giving the event loop a turn between chunks ({@link TurnBudget}):
   * at hundreds of thousands of items writing them all takes seconds, which must not hold up a
   * progress redraw or a Ctrl-C. Ids must be unique (the dataset loader guarantees it).
   *
   * `items` may be a stream (a dataset read as it is written to the spool, never whole in memory);
   * `count` then says how many it yields, and the spool is refused when it yields another number.
   */
  static async write(
    items: readonly EngineItem[] | AsyncIterable<EngineItem>,
    tmpDir: string = os.tmpdir(),
    count?: number,
  ): Promise<ItemSpool> {
    const expected = Array.isArray(items) ? items.length : count;
    if (expected === undefined || !Number.isInteger(expected) || expected < 0)
      throw new RangeError('ItemSpool.write: a stream of items needs its count');
    const spool = new ItemSpool(expected, tmpDir);
    const turns = new TurnBudget();
    const writer = spool.#writer();
    try {
      let index = 0;
      for await (const item of items as AsyncIterable<EngineItem>) {
        if (index === expected) throw new Error(`ItemSpool: more items than the ${expected} announced`);
        if (writer.add(index++, item)) await turns.pause();
      }
      if (index !== expected) throw new Error(`ItemSpool: ${index} items, ${expected} announced`);
      writer.finish();
    } catch (error) {
      spool.close();
      throw error;
    }
    return spool;
  }

  /** Writes items at their positions, in chunks of about {@link WRITE_CHUNK_BYTES}; `add` says when a chunk went. */
  #writer(): { add(index: number, item: EngineItem): boolean; finish(): void } {
    let pending: string[] = [];
    let pendingBytes = 0;
    let offset = 0;
    const flush = () => {
      const data = Buffer.from(pending.join(''), 'utf8');
      let done = 0;
      while (done < data.length) done += writeSync(this.#fd, data, done, data.length - done, offset + done);
      offset += data.length;
      pending = [];
      pendingBytes = 0;
    };
    return {
      add: (index, item) => {
        // Items come in position order, so a new id gets `index`; an id seen before keeps its earlier number.
        if (this.#ids.add(item.id) !== index)
          throw new Error(`ItemSpool: duplicate item id ${JSON.stringify(item.id)}`);
        this.#shapes[index] = Math.min(item.turns.length, MAX_TURNS_KEPT) | (isContrastItem(item) ? CONTRAST_FLAG : 0);
        const line = `${JSON.stringify(item)}\n`;
        const length = Buffer.byteLength(line, 'utf8');
        this.#offsets[index] = offset + pendingBytes;
        this.#lengths[index] = length;
        pending.push(line);
        pendingBytes += length;
        if (pendingBytes < WRITE_CHUNK_BYTES) return false;
        flush();
        return true;
      },
      finish: () => {
        if (pendingBytes > 0) flush();
      },
    };
  }

  get length(): number {
    return this.#lengths.length;
  }

  at(index: number): EngineItem | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#lengths.length) return undefined;
    if (this.#last?.index === index) return this.#last.item;
    if (this.#closed) throw new Error('ItemSpool: read after close');
    const length = this.#lengths[index]!;
    const offset = this.#offsets[index]!;
    if (offset < this.#windowStart || offset + length > this.#windowStart + this.#window.length)
      this.#read(index, offset, length);
    const start = offset - this.#windowStart;
    const item = JSON.parse(this.#window.toString('utf8', start, start + length)) as EngineItem;
    this.#last = { index, item };
    return item;
  }

  /** Reads the window of the file that starts at item `index`: the item whole, and what follows it. */
  #read(index: number, offset: number, length: number): void {
    if (this.#buffer === undefined || this.#buffer.length < length)
      this.#buffer = Buffer.allocUnsafe(Math.max(READ_BYTES, length));
    const buffer = this.#buffer;
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(this.#fd, buffer, read, buffer.length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    if (read < length) throw new Error(`ItemSpool: item ${index} is cut short on disk`);
    this.#window = buffer.subarray(0, read);
    this.#windowStart = offset;
  }

  byId(id: string): EngineItem | undefined {
    const index = this.#ids.get(id);
    return index === undefined ? undefined : this.at(index);
  }

  /**
   * How many turns the item at `index` has (counts above {@link MAX_TURNS_KEPT} read as that), and
   * whether it is a contrast item: kept in memory, so the exports ask without reading the item.
   */
  shapeAt(index: number): { turns: number; contrast: boolean } {
    const shape = this.#shapes[index] ?? 0;
    return { turns: shape & MAX_TURNS_KEPT, contrast: (shape & CONTRAST_FLAG) !== 0 };
  }

  /** Position of the item with this id, or undefined. */
  indexOf(id: string): number | undefined {
    return this.#ids.get(id);
  }

  /** Closes and deletes the spool file. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#last = undefined;
    this.#buffer = undefined;
    this.#window = Buffer.alloc(0);
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
