import { closeSync, openSync, readSync } from 'node:fs';
import type { ResultsAnswer, ResultsFile } from '@sc-safety/results';
import { isPlainUtf8Json, toUtf8Bytes } from './utf8-byte-strings.js';

/** results.json without its answers: everything a reader needs before (or instead of) them. */
export type ResultsHeader = Omit<ResultsFile, 'answers'>;

/** One top-level piece of a results.json, in file order: a field (other than `answers`), or one answer. */
export type ResultsPiece =
  | { kind: 'field'; key: string; value: unknown }
  /** The `answers` array begins (its answers follow, one piece each). */
  | { kind: 'answers' }
  | { kind: 'answer'; index: number; value: ResultsAnswer };

/** Options of {@link readResultsPieces}. */
export interface ReadResultsOptions {
  /**
   * How the answers' strings come: `text` (default), or `utf8-bytes`: one character per byte of their
   * UTF-8 (see `utf8-byte-strings.ts`), for a reader that only compares strings or copies them on as
   * bytes; it reads about twice as fast. The other fields always come as text.
   */
  answerStrings?: 'text' | 'utf8-bytes';
}

/** A results.json that is not one JSON object, or not the object its structure promises. */
export class ResultsReadError extends Error {
  override readonly name = 'ResultsReadError';
  constructor(
    readonly file: string,
    readonly offset: number,
    message: string,
  ) {
    super(`${file}: not valid JSON at byte ${offset}: ${message}`);
  }
}

const CHUNK = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
/**
 * Answers are parsed in runs of about this many bytes, one `JSON.parse` each (per-call overhead
 * dominates small answers). Below V8's large-object size (128 KiB) on purpose: a run's string then
 * lives in the young generation, where a 256 KiB one took a fresh mapping each, and on 95 MB of answers
 * runs of 64 KiB were parsed in half the CPU time (0.36 s against 0.70 s, a third of it system time).
 */
const ANSWER_RUN_BYTES = 64 * 1024;
/** How far past a run's start the reader looks for the writer's separator before it scans the run instead. */
const GUESS_BYTES = 4 * ANSWER_RUN_BYTES;
/** Runs whose guessed end did not parse, after which the reader stops guessing and scans. */
const MAX_MISSES = 2;

/**
 * Reads a results.json piece by piece, holding one value at a time: each top-level field is
 * parsed on its own, and `answers` element by element, so a file of 500,000 answers (1–2 GB)
 * is read in bounded memory. Any valid JSON layout is accepted (indented or not, any key order);
 * the scan works on bytes (UTF-8 never puts a byte below 0x80 inside a multi-byte character, so
 * the structural characters it looks for cannot be part of one). Synchronous, in 1 MiB reads.
 * Bytes that are not UTF-8 become U+FFFD, as `readFile(file, 'utf8')` makes them.
 *
 * Answers are parsed in runs of about 64 KiB. A run's end is first guessed with a byte search for
 * the separator the writer puts between answers (`,` + the line break and indent it put before the
 * first answer + `{`), and kept only when the run parses as whole values; otherwise (another layout, a separator
 * inside nested values) the run is scanned byte by byte. A run that parses cannot end anywhere but
 * between two answers: a cut inside a string leaves it unterminated, one inside an answer leaves a
 * bracket open.
 *
 * @throws {ResultsReadError} at the first byte that breaks the JSON, with its offset.
 */
export function* readResultsPieces(
  file: string,
  options: ReadResultsOptions = {},
): Generator<ResultsPiece, void, undefined> {
  const fd = openSync(file, 'r');
  try {
    yield* new PieceScanner(file, fd, options.answerStrings === 'utf8-bytes').pieces();
  } finally {
    closeSync(fd);
  }
}

/**
 * The answers of a results.json, one at a time, in file order; a file without `answers` has none.
 * See {@link readResultsPieces}.
 */
export function* readResultsAnswers(
  file: string,
  options: ReadResultsOptions = {},
): Generator<ResultsAnswer, void, undefined> {
  for (const piece of readResultsPieces(file, options)) if (piece.kind === 'answer') yield piece.value;
}

/**
 * Everything of a results.json but its answers, and how many answers it holds, in one pass that
 * keeps no answer: `onAnswer` (optional) sees each as it is read.
 */
export function readResultsHeader(
  file: string,
  onAnswer?: (answer: ResultsAnswer, index: number) => void,
): { header: ResultsHeader; answerCount: number } {
  const header: Record<string, unknown> = {};
  let answerCount = 0;
  for (const piece of readResultsPieces(file)) {
    if (piece.kind === 'field') header[piece.key] = piece.value;
    else if (piece.kind === 'answer') {
      onAnswer?.(piece.value, piece.index);
      answerCount++;
    }
  }
  return { header: header as ResultsHeader, answerCount };
}

/** The scanner: a window of the file (`buf`) and a read position in it. */
class PieceScanner {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** File offset of buf[0], for error messages. */
  private base = 0;
  /** Start of the value being captured (kept across refills), or -1. */
  private mark = -1;
  private eof = false;
  /** The next backslash at or after some earlier position; -1: none left in `buf`; -2: not looked for. */
  private slash = -2;
  /** The bytes between two answers as the writer laid out the first ones, while guessing runs' ends. */
  private separator: Buffer | undefined;
  private misses = 0;

  /** @param utf8Bytes answers' strings as UTF-8 byte strings (see {@link ReadResultsOptions}). */
  constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly utf8Bytes = false,
  ) {}

  *pieces(): Generator<ResultsPiece, void, undefined> {
    this.skipWhitespace();
    if (this.peek() === 0xef) this.pos += 3; // a UTF-8 byte-order mark
    this.skipWhitespace();
    this.expect(0x7b); // {
    this.skipWhitespace();
    if (this.peek() === 0x7d) {
      this.pos++;
      return this.expectEnd();
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() !== QUOTE) this.fail('expected a field name');
      const key = this.parseCaptured(() => this.skipString()) as string;
      this.skipWhitespace();
      this.expect(0x3a); // :
      this.skipWhitespace();
      if (key === 'answers' && this.peek() === 0x5b) yield* this.answers();
      else yield { kind: 'field', key, value: this.parseCaptured(() => this.skipValue()) };
      this.skipWhitespace();
      const c = this.next();
      if (c === 0x7d) return this.expectEnd();
      if (c !== 0x2c) this.fail('expected , or } after a field', -1);
    }
  }

  private *answers(): Generator<ResultsPiece, void, undefined> {
    this.pos++; // [
    yield { kind: 'answers' };
    this.mark = this.pos;
    this.skipWhitespace();
    this.guessSeparator(this.buf.subarray(this.mark, this.pos));
    this.mark = -1;
    if (this.peek() === 0x5d) {
      this.pos++;
      return;
    }
    let index = 0;
    for (;;) {
      // A run of answers (with the commas between them) parsed as one array.
      this.skipWhitespace();
      this.mark = this.pos;
      const guessed = this.guessedRun();
      if (guessed !== undefined) {
        this.mark = -1;
        for (const value of guessed) yield { kind: 'answer', index: index++, value };
        continue;
      }
      let end: number | undefined;
      for (;;) {
        this.skipValue();
        this.skipWhitespace();
        const c = this.next();
        if (c === 0x5d) {
          end = c;
          break;
        }
        if (c !== 0x2c) this.fail('expected , or ] after an answer', -1);
        this.skipWhitespace();
        if (this.pos - this.mark >= ANSWER_RUN_BYTES) break;
      }
      const stop = end === undefined ? this.pos : this.pos - 1;
      const run = this.parseRange(this.mark, end === undefined ? this.lastComma(stop) : stop) as ResultsAnswer[];
      this.mark = -1;
      for (const value of run) yield { kind: 'answer', index: index++, value };
      if (end !== undefined) return;
    }
  }

  /**
   * The separator to look for, from the whitespace before the first answer: only with a line break in
   * it (a raw line break is never inside a JSON string) and the first answer an object.
   */
  private guessSeparator(whitespace: Buffer): void {
    if (whitespace.includes(0x0a) && this.peek() === 0x7b)
      this.separator = Buffer.concat([Buffer.from(','), whitespace, Buffer.from('{')]);
  }

  /**
   * The run of answers from the mark to the first separator past {@link ANSWER_RUN_BYTES}, when it
   * parses (the position then moves past its closing comma); undefined to scan the run instead.
   */
  private guessedRun(): ResultsAnswer[] | undefined {
    const separator = this.separator;
    if (separator === undefined) return undefined;
    let at = this.buf.indexOf(separator, this.mark + ANSWER_RUN_BYTES);
    while (at < 0) {
      if (this.buf.length - this.mark >= GUESS_BYTES || !this.fill()) return undefined;
      at = this.buf.indexOf(separator, this.mark + ANSWER_RUN_BYTES);
    }
    let run: ResultsAnswer[];
    try {
      run = this.decodeRun(this.mark, at) as ResultsAnswer[];
    } catch {
      if (++this.misses >= MAX_MISSES) this.separator = undefined;
      return undefined;
    }
    this.pos = at + 1;
    return run;
  }

  /** The position of the comma that ends a run (the last one before `at`, past whitespace). */
  private lastComma(at: number): number {
    let i = at - 1;
    while (i > this.mark && this.buf[i] !== 0x2c) i--;
    return i;
  }

  /** Parses buf[from, to) as the elements of an array. */
  private parseRange(from: number, to: number): unknown[] {
    try {
      return this.decodeRun(from, to);
    } catch (error) {
      throw new ResultsReadError(this.file, this.base + from, error instanceof Error ? error.message : String(error));
    }
  }

  /** buf[from, to) as the elements of an array, its strings as text or UTF-8 byte strings; throws what JSON.parse throws. */
  private decodeRun(from: number, to: number): unknown[] {
    if (!this.utf8Bytes) return JSON.parse(`[${this.buf.toString('utf8', from, to)}]`) as unknown[];
    const bytes = this.buf.subarray(from, to);
    if (isPlainUtf8Json(bytes)) return JSON.parse(`[${bytes.toString('latin1')}]`) as unknown[];
    // The slower way, for wide escapes and bytes that are not UTF-8: the text, written out plain again.
    const plain = JSON.stringify(JSON.parse(`[${bytes.toString('utf8')}]`));
    return JSON.parse(toUtf8Bytes(plain)) as unknown[];
  }

  /** Skips one value (marking where it starts) and parses its bytes. */
  private parseCaptured(skip: () => void): unknown {
    this.mark = this.pos;
    skip();
    const bytes = this.buf.subarray(this.mark, this.pos);
    const at = this.base + this.mark;
    this.mark = -1;
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown;
    } catch (error) {
      throw new ResultsReadError(this.file, at, error instanceof Error ? error.message : String(error));
    }
  }

  private skipValue(): void {
    const c = this.peek();
    if (c === QUOTE) return this.skipString();
    if (c === 0x7b || c === 0x5b) return this.skipContainer();
    // A number, true, false or null: up to the next delimiter; JSON.parse judges it.
    const start = this.pos;
    for (;;) {
      if (this.pos >= this.buf.length && !this.fill()) break;
      const b = this.buf[this.pos]!;
      if (b === 0x2c || b === 0x7d || b === 0x5d || WHITESPACE.has(b)) break;
      this.pos++;
    }
    if (this.pos === start) this.fail('expected a value');
  }

  private skipContainer(): void {
    let depth = 0;
    for (;;) {
      if (this.pos >= this.buf.length && !this.fill()) this.fail('the file ends inside an object or array');
      const b = this.buf[this.pos]!;
      if (b === QUOTE) {
        this.skipString();
        continue;
      }
      this.pos++;
      if (b === 0x7b || b === 0x5b) depth++;
      else if ((b === 0x7d || b === 0x5d) && --depth === 0) return;
    }
  }

  /** From an opening quote to just past its closing quote. */
  private skipString(): void {
    this.pos++;
    for (;;) {
      const quote = this.buf.indexOf(QUOTE, this.pos);
      const end = quote < 0 ? this.buf.length : quote;
      // The next backslash is remembered, so many short strings do not search the window again each.
      if (this.slash !== -1 && this.slash < this.pos) this.slash = this.buf.indexOf(BACKSLASH, this.pos);
      if (this.slash !== -1 && this.slash < end) {
        // An escape: step over it (and the character it escapes) and look again.
        this.pos = this.slash + 2;
        while (this.pos > this.buf.length) if (!this.fill()) this.fail('the file ends inside a string');
        continue;
      }
      if (quote >= 0) {
        this.pos = quote + 1;
        return;
      }
      this.pos = this.buf.length;
      if (!this.fill()) this.fail('the file ends inside a string');
    }
  }

  private skipWhitespace(): void {
    for (;;) {
      if (this.pos >= this.buf.length && !this.fill()) return;
      if (!WHITESPACE.has(this.buf[this.pos]!)) return;
      this.pos++;
    }
  }

  private peek(): number | undefined {
    if (this.pos >= this.buf.length && !this.fill()) return undefined;
    return this.buf[this.pos];
  }

  private next(): number | undefined {
    const c = this.peek();
    if (c !== undefined) this.pos++;
    return c;
  }

  private expect(byte: number): void {
    if (this.next() !== byte) this.fail(`expected ${String.fromCharCode(byte)}`, -1);
  }

  private expectEnd(): void {
    this.skipWhitespace();
    if (this.peek() !== undefined) this.fail('unexpected content after the closing }');
  }

  /** Reads the next chunk, keeping what is still needed (from the mark, or the position). */
  private fill(): boolean {
    if (this.eof) return false;
    const keep = this.mark >= 0 ? this.mark : Math.min(this.pos, this.buf.length);
    const chunk = Buffer.allocUnsafe(CHUNK);
    const n = readSync(this.fd, chunk, 0, CHUNK, null);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    const rest = this.buf.subarray(keep);
    this.buf = rest.length === 0 ? chunk.subarray(0, n) : Buffer.concat([rest, chunk.subarray(0, n)]);
    this.base += keep;
    this.slash = -2;
    this.pos -= keep;
    if (this.mark >= 0) this.mark = 0;
    return true;
  }

  private fail(message: string, back = 0): never {
    throw new ResultsReadError(this.file, Math.max(0, this.base + this.pos + back), message);
  }
}
