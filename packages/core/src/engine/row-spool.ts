import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSpoolDir } from './spool-dir.js';
import type { AnswerRow } from './types.js';

/** Answer rows as the exports read them: in order, as often as needed, with their count. */
export interface RowSource extends Iterable<AnswerRow> {
  readonly length: number;
}

/** Bytes buffered before they are written to the spool file. */
const CHUNK_BYTES = 1 << 18;
/** Bytes read back at once (rows finish roughly in order, so one read serves many rows). */
const READ_BYTES = 1 << 18;

/**
 * The finished answer rows of a run, kept on disk instead of in memory: each row is written as
 * one JSON line to a temporary file as it completes, and only its position is remembered. A large
 * run (tens of thousands of rows, answers of kilobytes each) keeps the same small footprint from
 * the first row to the last, and the exports stream the rows back one at a time.
 *
 * Iteration is in leaderboard order — model (as given), then item (as given), then epoch, then
 * round — not in the order the rows finished; a slot written twice keeps the last row. Call {@link close} once
 * done (it deletes the file).
 */
export class RowSpool implements RowSource {
  readonly #models: Map<string, number>;
  readonly #itemIndex: (id: string) => number | undefined;
  readonly #itemCount: number;
  readonly #epochs: number;
  readonly #rounds: number;
  readonly #offsets: Float64Array;
  /** Byte length per slot; 0 = empty. */
  readonly #lengths: Uint32Array;
  readonly #dir: string;
  readonly #fd: number;
  #pending: string[] = [];
  #pendingBytes = 0;
  /** Bytes written to the file so far. */
  #flushed = 0;
  #count = 0;
  #closed = false;

  /**
   * @param models Model ids in leaderboard order.
   * @param items Item ids in dataset order, or an index of them (e.g. an {@link ItemSpool}).
   * @param tmpDir Where the spool file goes (a new directory inside it). Default: the OS temp dir.
   * @param epochs The most epochs any model runs (rows without `epoch` are epoch 1). Default 1.
   * @param rounds Turns per conversation: 2 (default), or an adaptive run's `followups.turns`.
   */
  constructor(
    models: readonly string[],
    items: readonly string[] | { readonly length: number; indexOf(id: string): number | undefined },
    tmpDir: string = os.tmpdir(),
    epochs = 1,
    rounds = 2,
  ) {
    this.#models = new Map(models.map((id, i) => [id, i]));
    if (Array.isArray(items)) {
      const ids = new Map((items as readonly string[]).map((id, i) => [id, i]));
      this.#itemIndex = (id) => ids.get(id);
    } else {
      const index = items as { indexOf(id: string): number | undefined };
      this.#itemIndex = (id) => index.indexOf(id);
    }
    this.#itemCount = items.length;
    this.#epochs = epochs;
    this.#rounds = rounds;
    const slots = models.length * items.length * epochs * rounds;
    this.#offsets = new Float64Array(slots);
    this.#lengths = new Uint32Array(slots);
    this.#dir = makeSpoolDir(tmpDir, 'rows');
    this.#fd = openSync(path.join(this.#dir, 'rows.jsonl'), 'w+', 0o600);
  }

  get length(): number {
    return this.#count;
  }

  /** Adds (or replaces) the row of its model × item × epoch × round. */
  add(row: AnswerRow): void {
    if (this.#closed) throw new Error('RowSpool: add after close');
    const slot = this.#slot(row);
    const line = `${JSON.stringify(row)}\n`;
    const length = Buffer.byteLength(line, 'utf8');
    if (this.#lengths[slot] === 0) this.#count++;
    this.#offsets[slot] = this.#flushed + this.#pendingBytes;
    this.#lengths[slot] = length;
    this.#pending.push(line);
    this.#pendingBytes += length;
    if (this.#pendingBytes >= CHUNK_BYTES) this.#flush();
  }

  *[Symbol.iterator](): Iterator<AnswerRow> {
    this.#flush();
    let buffer = Buffer.allocUnsafe(READ_BYTES);
    let window = buffer.subarray(0, 0);
    let windowStart = 0;
    for (let slot = 0; slot < this.#lengths.length; slot++) {
      const length = this.#lengths[slot]!;
      if (length === 0) continue;
      if (this.#closed) throw new Error('RowSpool: read after close');
      const offset = this.#offsets[slot]!;
      if (offset < windowStart || offset + length > windowStart + window.length) {
        // Rows finish roughly in order, so one read usually serves many of the next slots.
        if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
        const read = readSync(this.#fd, buffer, 0, buffer.length, offset);
        window = buffer.subarray(0, read);
        windowStart = offset;
      }
      const start = offset - windowStart;
      yield JSON.parse(window.toString('utf8', start, start + length)) as AnswerRow;
    }
  }

  /** Closes and deletes the spool file. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = [];
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #slot(row: AnswerRow): number {
    const model = this.#models.get(row.model);
    const item = this.#itemIndex(row.itemId);
    if (model === undefined) throw new Error(`RowSpool: unknown model ${JSON.stringify(row.model)}`);
    if (item === undefined) throw new Error(`RowSpool: unknown item ${JSON.stringify(row.itemId)}`);
    if (!Number.isInteger(row.round) || row.round < 1 || row.round > this.#rounds) {
      throw new Error(`RowSpool: round must be an integer from 1 to ${this.#rounds}, got ${String(row.round)}`);
    }
    const epoch = row.epoch ?? 1;
    if (!Number.isInteger(epoch) || epoch < 1 || epoch > this.#epochs) {
      throw new Error(`RowSpool: epoch must be an integer from 1 to ${this.#epochs}, got ${String(row.epoch)}`);
    }
    return ((model * this.#itemCount + item) * this.#epochs + (epoch - 1)) * this.#rounds + (row.round - 1);
  }

  #flush(): void {
    if (this.#pendingBytes === 0) return;
    const data = Buffer.from(this.#pending.join(''), 'utf8');
    let done = 0;
    while (done < data.length) done += writeSync(this.#fd, data, done, data.length - done, this.#flushed + done);
    this.#flushed += data.length;
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}
