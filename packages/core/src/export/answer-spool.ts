import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnswerSequence, ResultsAnswer } from '@sc-safety/results';
import type { DatasetItem } from '../dataset/types.js';
import type { ItemLookup } from '../engine/item-spool.js';
import { makeSpoolDir } from '../engine/spool-dir.js';
import type { AnswerRow } from '../engine/types.js';
import { renderAnswerExport } from './answer-export.js';
import { RUN_EXPORT_FILES } from './run-export-paths.js';
import { SecretForms, SecretLeakError, countNewlines } from './secrets-guard.js';

/** Bytes buffered before they are written to the spool file. */
const CHUNK_BYTES = 1 << 20;
/** Bytes read back at once (rows finish roughly in order, so one read serves many rows). */
const READ_BYTES = 1 << 18;
/** Bytes gathered per write of the exports. */
const OUT_BYTES = 1 << 20;
/** The indent of an answer's first line in results.json (two levels deep). */
const ANSWER_INDENT = Buffer.from('    ');
const COMMA_LINE = Buffer.from(',\n');
const LINE = Buffer.from('\n');

/** A file the exports append bytes to (a `TempFile`). */
export interface ByteSink {
  writeBytes(bytes: Buffer): Promise<void>;
}

/** The answers of a run, already rendered for the exports: what {@link AnswerSpool.writeRendered} writes. */
export interface RenderedAnswers extends AnswerSequence {
  /**
   * Writes every answer's results.json text (as the `answers` array holds it, one answer after the
   * other, comma-separated) to `json` and its answers.csv record to `csv`, in order.
   *
   * @param lines The lines of each file before the answers (1-based line the first answer starts on),
   *   for a {@link SecretLeakError}'s line; advanced past the answers when they are written.
   * @throws {SecretLeakError} before anything is written, when an answer holds a configured secret.
   */
  writeRendered(json: ByteSink, csv: ByteSink, lines: { json: number; csv: number }): Promise<void>;
}

/** Whether an answers sequence is a {@link RenderedAnswers}. */
export function isRenderedAnswers(answers: AnswerSequence): answers is RenderedAnswers {
  return typeof (answers as Partial<RenderedAnswers>).writeRendered === 'function';
}

/** Where a configured secret was found in an answer (line within its text). */
interface SpooledLeak {
  file: 'json' | 'csv';
  secretIndex: number;
  line: number;
}

/** Facts of answers after the cursor kept in memory at most, for when the cursor reaches them. */
const AHEAD_LIMIT = 4096;
/** Facts read back from disk at most per answer added, when the cursor catches up (a later model's). */
const CATCH_UP_READS = 16;

/** A model of the run as the spool needs it: its id (leaderboard order) and system prompt override. */
export interface AnswerSpoolModel {
  id: string;
  system?: string;
}

/** Options of {@link AnswerSpool}. */
export interface AnswerSpoolOptions {
  /** Where the spool file goes (a new directory inside it). Default: the OS temp dir. */
  tmpDir?: string;
  /** The most epochs any model runs (rows without `epoch` are epoch 1). Default 1. */
  epochs?: number;
  /** Turns per conversation: 2 (default), or an adaptive run's `followups.turns`. */
  rounds?: number;
  /** Every API key and token of the run: an answer that holds one is refused when the exports are written. */
  secrets?: readonly string[];
}

/**
 * The finished answers of a run, kept on disk, each as the exports will write it: when a row
 * finishes, its results.json text, its answers.csv record and its facts (the row without its
 * texts, for the scoring and the manifest) are made once and appended to a temporary file; only
 * positions and sizes stay in memory. After the last answer the exports read the facts (a few
 * hundred bytes per row) and copy the rendered bytes: nothing is parsed or built again.
 *
 * Order is the leaderboard's: model (as given), then item (as given), then epoch, then round, not
 * the order rows finished; a slot written twice keeps the last row. Call {@link close} once done
 * (it deletes the file).
 */
export class AnswerSpool implements RenderedAnswers {
  readonly #models: Map<string, number>;
  readonly #systems: (string | undefined)[];
  readonly #itemIndex: (id: string) => number | undefined;
  readonly #itemOf: (id: string) => DatasetItem | undefined;
  /** Turns of the item at an index (a single-turn item never fills its later rounds' slots). */
  readonly #turnsAt: (index: number) => number;
  readonly #itemCount: number;
  readonly #epochs: number;
  readonly #rounds: number;
  readonly #secrets: SecretForms;
  /** Per slot: where its record starts in the file; the byte lengths of its parts (0 = empty slot). */
  readonly #offsets: Float64Array;
  readonly #factsBytes: Uint32Array;
  readonly #jsonBytes: Uint32Array;
  readonly #csvBytes: Uint32Array;
  /** Per slot: line breaks in its results.json text, and in its answers.csv record. */
  readonly #jsonLines: Uint32Array;
  readonly #csvLines: Uint32Array;
  /** Slots whose answer holds a secret (rare: kept in a map, not per slot). */
  readonly #leaks = new Map<number, SpooledLeak>();
  readonly #dir: string;
  readonly #fd: number;
  /** Bytes encoded and not yet written to the file: `#out[0 … #used)`. */
  readonly #out = Buffer.allocUnsafe(CHUNK_BYTES);
  #used = 0;
  /** Bytes written to the file so far. */
  #flushed = 0;
  #count = 0;
  #closed = false;
  /** Who is given each answer's facts in order as they come (see {@link follow}), and how far it got. */
  #follower: ((facts: AnswerRow) => void) | undefined;
  #cursor = 0;
  /** Facts of filled slots after the cursor, by slot (at most {@link AHEAD_LIMIT}). */
  readonly #ahead = new Map<number, AnswerRow>();
  #followBroken = false;

  /**
   * @param models The models in leaderboard order, with their system prompt overrides.
   * @param items The items in dataset order: an array, or a spool of them (an `ItemSpool`).
   */
  constructor(
    models: readonly AnswerSpoolModel[],
    items: readonly DatasetItem[] | (ItemLookup & { readonly length: number; indexOf(id: string): number | undefined }),
    options: AnswerSpoolOptions = {},
  ) {
    this.#models = new Map(models.map((m, i) => [m.id, i]));
    this.#systems = models.map((m) => m.system);
    if (Array.isArray(items)) {
      const list = items as readonly DatasetItem[];
      const ids = new Map(list.map((item, i) => [item.id, i]));
      this.#itemIndex = (id) => ids.get(id);
      this.#itemOf = (id) => {
        const i = ids.get(id);
        return i === undefined ? undefined : list[i];
      };
      this.#turnsAt = (index) => list[index]?.turns.length ?? 0;
    } else {
      const spool = items as ItemLookup & {
        indexOf(id: string): number | undefined;
        shapeAt?(index: number): { turns: number };
      };
      this.#itemIndex = (id) => spool.indexOf(id);
      this.#itemOf = (id) => spool.byId(id);
      this.#turnsAt = (index) => spool.shapeAt?.(index).turns ?? 0;
    }
    this.#itemCount = items.length;
    this.#epochs = options.epochs ?? 1;
    this.#rounds = options.rounds ?? 2;
    this.#secrets = new SecretForms(options.secrets ?? []);
    const slots = models.length * items.length * this.#epochs * this.#rounds;
    this.#offsets = new Float64Array(slots);
    this.#factsBytes = new Uint32Array(slots);
    this.#jsonBytes = new Uint32Array(slots);
    this.#csvBytes = new Uint32Array(slots);
    this.#jsonLines = new Uint32Array(slots);
    this.#csvLines = new Uint32Array(slots);
    this.#dir = makeSpoolDir(options.tmpDir ?? os.tmpdir(), 'answers');
    this.#fd = openSync(path.join(this.#dir, 'answers.spool'), 'w+', 0o600);
  }

  /** How many answers are spooled (slots filled). */
  get length(): number {
    return this.#count;
  }

  /**
   * Renders and adds (or replaces) the answer of the row's model × item × epoch × round.
   *
   * @param item The row's dataset item, when the caller has it at hand (else it is looked up by id).
   */
  add(row: AnswerRow, item?: DatasetItem): void {
    if (this.#closed) throw new Error('AnswerSpool: add after close');
    const slot = this.#slot(row);
    const model = this.#models.get(row.model)!;
    const rendered = renderAnswerExport(row, item ?? this.#itemOf(row.itemId), this.#systems[model]);
    const offset = this.#flushed + this.#used;
    const factsBytes = this.#append(`${JSON.stringify(rendered.facts)}\n`);
    const jsonBytes = this.#append(rendered.json);
    const csvBytes = this.#append(rendered.csv);
    if (this.#factsBytes[slot] === 0) this.#count++;
    this.#offsets[slot] = offset;
    this.#factsBytes[slot] = factsBytes;
    this.#jsonBytes[slot] = jsonBytes;
    this.#csvBytes[slot] = csvBytes;
    this.#jsonLines[slot] = countNewlines(rendered.json, rendered.json.length);
    this.#csvLines[slot] = countNewlines(rendered.csv, rendered.csv.length);
    const leak = this.#findLeak(rendered.json, rendered.csv);
    if (leak === undefined) this.#leaks.delete(slot);
    else this.#leaks.set(slot, leak);
    if (this.#follower !== undefined && !this.#followBroken) this.#feed(slot, rendered.facts);
  }

  /**
   * Gives `follower` each answer's facts in leaderboard order as early as it can: an answer when
   * every slot before it is filled (or can never be: the later rounds of a single-turn item).
   * Rows finish roughly in that order, so most facts are handed over as they come, without being
   * read back; the exports then give the follower only what is left ({@link factsLeft}). Facts
   * that come early wait in memory (a few thousand at most) or on disk.
   *
   * When that order cannot hold (a slot already handed over is written again) or the follower
   * throws, following stops: {@link followed} turns false, and the follower's state must be
   * dropped for a pass over every answer ({@link facts}), which raises the error again if there was one.
   */
  follow(follower: (facts: AnswerRow) => void): void {
    if (this.#count > 0) throw new Error('AnswerSpool: follow before the first answer');
    this.#follower = follower;
  }

  /** Whether a follower was given every answer so far in order (see {@link follow}). */
  get followed(): boolean {
    return this.#follower !== undefined && !this.#followBroken;
  }

  /** The facts the follower has not been given yet, in order; they count as given once read. */
  factsLeft(): Iterable<AnswerRow> {
    if (!this.followed) throw new Error('AnswerSpool: factsLeft without an intact follower');
    const from = this.#cursor;
    const ahead = this.#ahead;
    return {
      [Symbol.iterator]: () =>
        this.#records((window, start, slot) => {
          this.#cursor = slot + 1;
          const kept = ahead.get(slot);
          if (kept !== undefined) {
            ahead.delete(slot);
            return kept;
          }
          return JSON.parse(window.toString('utf8', start, start + this.#factsBytes[slot]! - 1)) as AnswerRow;
        }, from),
    };
  }

  #feed(slot: number, facts: AnswerRow): void {
    if (slot < this.#cursor) {
      // An answer already handed over was replaced: the follower's tally no longer holds.
      this.#stopFollowing();
      return;
    }
    if (slot > this.#cursor) {
      if (this.#ahead.has(slot) || this.#ahead.size < AHEAD_LIMIT) this.#ahead.set(slot, facts);
      return;
    }
    this.#ahead.delete(slot);
    if (!this.#give(facts)) return;
    this.#cursor++;
    // Then every slot that is now next, up to a few read back from disk per call.
    let reads = 0;
    while (this.#cursor < this.#offsets.length) {
      const next = this.#cursor;
      let nextFacts: AnswerRow | undefined;
      if (this.#factsBytes[next] !== 0) {
        nextFacts = this.#ahead.get(next);
        if (nextFacts !== undefined) this.#ahead.delete(next);
        else if (reads++ < CATCH_UP_READS) nextFacts = this.#readFacts(next);
        else return;
        if (!this.#give(nextFacts)) return;
      } else if (!this.#neverFilled(next)) return;
      this.#cursor++;
    }
  }

  /** Hands facts to the follower; false (and following stopped) when it throws. */
  #give(facts: AnswerRow): boolean {
    try {
      this.#follower!(facts);
      return true;
    } catch {
      this.#stopFollowing();
      return false;
    }
  }

  #stopFollowing(): void {
    this.#followBroken = true;
    this.#ahead.clear();
  }

  /** Whether a slot stays empty for good: a later round of a single-turn item. */
  #neverFilled(slot: number): boolean {
    const round = (slot % this.#rounds) + 1;
    if (round === 1) return false;
    const item = Math.floor(slot / (this.#rounds * this.#epochs)) % this.#itemCount;
    return this.#turnsAt(item) === 1;
  }

  /** One slot's facts, from the write buffer or the file. */
  #readFacts(slot: number): AnswerRow {
    const offset = this.#offsets[slot]!;
    const length = this.#factsBytes[slot]! - 1;
    if (offset >= this.#flushed) {
      const start = offset - this.#flushed;
      return JSON.parse(this.#out.toString('utf8', start, start + length)) as AnswerRow;
    }
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.#fd, bytes, read, length - read, offset + read);
      if (n === 0) throw new Error(`AnswerSpool: answer ${slot} is cut short on disk`);
      read += n;
    }
    return JSON.parse(bytes.toString('utf8')) as AnswerRow;
  }

  /**
   * Encodes `text` into the write buffer (flushed to the file first when it might not fit): no
   * string joined, no separate byte count. Returns its length in bytes.
   */
  #append(text: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.#used + text.length * 3 > this.#out.length) {
      this.#flush();
      if (text.length * 3 > this.#out.length) {
        const bytes = Buffer.from(text, 'utf8');
        this.#writeAll(bytes);
        return bytes.length;
      }
    }
    const bytes = this.#out.write(text, this.#used, 'utf8');
    this.#used += bytes;
    return bytes;
  }

  /**
   * Each answer's facts in order: the row without its texts (`text` is '', no reasoning, previous
   * reply, messages, reasons or warnings). What the scoring and the manifest's tallies read.
   */
  facts(): Iterable<AnswerRow> & { readonly length: number } {
    return {
      length: this.#count,
      [Symbol.iterator]: () =>
        this.#records((window, start, slot) => {
          const end = start + this.#factsBytes[slot]! - 1;
          return JSON.parse(window.toString('utf8', start, end)) as AnswerRow;
        }),
    };
  }

  /** Each answer as results.json holds it (parsed back from its rendered text), in order. */
  [Symbol.iterator](): Iterator<ResultsAnswer> {
    return this.#records((window, start, slot) => {
      const from = start + this.#factsBytes[slot]!;
      return JSON.parse(window.toString('utf8', from, from + this.#jsonBytes[slot]!)) as ResultsAnswer;
    });
  }

  async writeRendered(json: ByteSink, csv: ByteSink, lines: { json: number; csv: number }): Promise<void> {
    this.#throwFirstLeak(lines);
    const jsonOut = new ByteBatch(json);
    const csvOut = new ByteBatch(csv);
    let left = this.#count;
    for (const { window, start, slot } of this.#records((window, start, slot) => ({ window, start, slot }))) {
      const jsonStart = start + this.#factsBytes[slot]!;
      const csvStart = jsonStart + this.#jsonBytes[slot]!;
      left--;
      // A write is awaited only when a batch is full (and then the event loop gets its turn), each
      // before the next add: the bytes go out in order.
      let write = jsonOut.add(ANSWER_INDENT);
      if (write) await write;
      write = jsonOut.add(window.subarray(jsonStart, csvStart));
      if (write) await write;
      write = jsonOut.add(left > 0 ? COMMA_LINE : LINE);
      if (write) await write;
      write = csvOut.add(window.subarray(csvStart, csvStart + this.#csvBytes[slot]!));
      if (write) await write;
      lines.json += this.#jsonLines[slot]! + 1;
      lines.csv += this.#csvLines[slot]!;
    }
    await jsonOut.flush();
    await csvOut.flush();
  }

  /** Closes and deletes the spool file. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#used = 0;
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  /** The first answer in export order that holds a secret, thrown with its line in its file. */
  #throwFirstLeak(lines: { json: number; csv: number }): void {
    if (this.#leaks.size === 0) return;
    const slot = Math.min(...this.#leaks.keys());
    const leak = this.#leaks.get(slot)!;
    // The lines of the answers before it: each answer's text plus the line break after it in results.json.
    let jsonLine = lines.json;
    let csvLine = lines.csv;
    for (let s = 0; s < slot; s++) {
      if (this.#factsBytes[s] === 0) continue;
      jsonLine += this.#jsonLines[s]! + 1;
      csvLine += this.#csvLines[s]!;
    }
    const [file, line] =
      leak.file === 'json'
        ? [RUN_EXPORT_FILES.results, jsonLine + leak.line - 1]
        : [RUN_EXPORT_FILES.answersCsv, csvLine + leak.line - 1];
    throw new SecretLeakError(file, leak.secretIndex, line);
  }

  #findLeak(json: string, csv: string): SpooledLeak | undefined {
    const inJson = this.#secrets.find(json);
    if (inJson !== undefined) return { file: 'json', ...inJson };
    const inCsv = this.#secrets.find(csv);
    return inCsv === undefined ? undefined : { file: 'csv', ...inCsv };
  }

  /** `read(window, start, slot)` for every filled slot in order, the slot's record at `window[start…]`. */
  *#records<T>(read: (window: Buffer, start: number, slot: number) => T, from = 0): Generator<T> {
    this.#flush();
    let buffer = Buffer.allocUnsafe(READ_BYTES);
    let window = buffer.subarray(0, 0);
    let windowStart = 0;
    for (let slot = from; slot < this.#offsets.length; slot++) {
      const facts = this.#factsBytes[slot]!;
      if (facts === 0) continue;
      if (this.#closed) throw new Error('AnswerSpool: read after close');
      const offset = this.#offsets[slot]!;
      const length = facts + this.#jsonBytes[slot]! + this.#csvBytes[slot]!;
      if (offset < windowStart || offset + length > windowStart + window.length) {
        // Rows finish roughly in order, so one read usually serves many of the next slots.
        if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
        let read = 0;
        while (read < length) {
          const n = readSync(this.#fd, buffer, read, buffer.length - read, offset + read);
          if (n === 0) throw new Error(`AnswerSpool: answer ${slot} is cut short on disk`);
          read += n;
        }
        window = buffer.subarray(0, read);
        windowStart = offset;
      }
      yield read(window, offset - windowStart, slot);
    }
  }

  #slot(row: AnswerRow): number {
    const model = this.#models.get(row.model);
    const item = this.#itemIndex(row.itemId);
    if (model === undefined) throw new Error(`AnswerSpool: unknown model ${JSON.stringify(row.model)}`);
    if (item === undefined) throw new Error(`AnswerSpool: unknown item ${JSON.stringify(row.itemId)}`);
    if (!Number.isInteger(row.round) || row.round < 1 || row.round > this.#rounds) {
      throw new Error(`AnswerSpool: round must be an integer from 1 to ${this.#rounds}, got ${String(row.round)}`);
    }
    const epoch = row.epoch ?? 1;
    if (!Number.isInteger(epoch) || epoch < 1 || epoch > this.#epochs) {
      throw new Error(`AnswerSpool: epoch must be an integer from 1 to ${this.#epochs}, got ${String(row.epoch)}`);
    }
    return ((model * this.#itemCount + item) * this.#epochs + (epoch - 1)) * this.#rounds + (row.round - 1);
  }

  #flush(): void {
    if (this.#used === 0) return;
    const used = this.#used;
    this.#used = 0;
    this.#writeAll(this.#out.subarray(0, used));
  }

  /** Writes `data` at the end of the file. */
  #writeAll(data: Buffer): void {
    let done = 0;
    while (done < data.length) done += writeSync(this.#fd, data, done, data.length - done, this.#flushed + done);
    this.#flushed += data.length;
  }
}

/** Bytes gathered into writes of about {@link OUT_BYTES}. */
class ByteBatch {
  readonly #buffer = Buffer.allocUnsafe(OUT_BYTES);
  #used = 0;

  constructor(private readonly sink: ByteSink) {}

  /** Copies `bytes` in; returns a promise to await when a full batch went to the sink. */
  add(bytes: Buffer): Promise<void> | undefined {
    if (this.#used + bytes.length <= this.#buffer.length) {
      bytes.copy(this.#buffer, this.#used);
      this.#used += bytes.length;
      return undefined;
    }
    return this.#addAfterFlush(bytes);
  }

  async #addAfterFlush(bytes: Buffer): Promise<void> {
    await this.flush();
    if (bytes.length > this.#buffer.length) {
      await this.sink.writeBytes(bytes);
      return;
    }
    bytes.copy(this.#buffer, this.#used);
    this.#used += bytes.length;
  }

  async flush(): Promise<void> {
    if (this.#used === 0) return;
    // The buffer is filled again only once the sink has written it (every add that flushes is awaited).
    const used = this.#used;
    this.#used = 0;
    await this.sink.writeBytes(this.#buffer.subarray(0, used));
  }
}

/** The models of a run as the spool takes them: id and system prompt override, in leaderboard order. */
export function spoolModels(targets: readonly { id: string; system?: string }[]): AnswerSpoolModel[] {
  return targets.map((t) => (t.system === undefined ? { id: t.id } : { id: t.id, system: t.system }));
}
