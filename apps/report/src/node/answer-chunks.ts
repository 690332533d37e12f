import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ResultsAnswer } from '@sc-safety/results';
import { AnswerPacker } from '../common/pack-answers.js';
import type { PackerStrings } from '../common/pack-answers.js';
import { ANSWER_CHUNK_CALLBACK } from '../common/report-data.js';
import type { AnswerChunkRef, PackedAnswers } from '../common/report-data.js';
import { ChunkFileWorker } from './chunk-file-worker.js';
import { encodeBlock } from './encode-block.js';

/** Rows serialised at once by {@link packedJson}: tens of kilobytes of JSON, young-generation strings. */
const ROWS_PER_PIECE = 64;

/**
 * `JSON.stringify(packed)` in pieces of {@link ROWS_PER_PIECE} rows: the same text, without building
 * one string of the whole chunk (megabytes of memory the process has not touched before, for every
 * chunk).
 */
export function* packedJson(packed: PackedAnswers): Generator<string> {
  yield `{"strings":${JSON.stringify(packed.strings)},"rows":[`;
  const { rows } = packed;
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    if (i > 0) yield ',';
    // The rows' JSON without the array's brackets.
    yield JSON.stringify(rows.slice(i, i + ROWS_PER_PIECE)).slice(1, -1);
  }
  yield ']}';
}

/** Answers per chunk: the unit the page decodes, and all the writer holds at once. */
export const CHUNK_ANSWERS = 5_000;

/**
 * Answers a report keeps inside its page (all runs together). Up to this many the report stays one
 * self-contained file; a bigger run's chunks become files beside it, so the page itself stays small
 * and its boards open without reading any answer.
 */
export const INLINE_ANSWERS = 20_000;

/** How many more answers may go inside the page; shared by the runs of one report. */
export interface InlineBudget {
  remaining: number;
}

/** A chunk that goes inside the page: its block's text (gzip + base64). */
export interface InlineChunk {
  chunk: number;
  text: string;
}

/** A run's answers as chunks: where each is, the ones the page carries, and their sizes. */
export interface ChunkedAnswers {
  chunks: AnswerChunkRef[];
  inline: InlineChunk[];
  /** Bytes of JSON before compression, and of the encoded blocks (inline and files). */
  bytes: { raw: number; embedded: number };
}

/** Where chunk files go: `dir` on disk, `src` the same directory as the page refers to it. */
export interface ChunkFiles {
  dir: string;
  src: string;
}

/**
 * Packs a run's answers chunk by chunk as a reader hands them over, holding one chunk at a time.
 * Chunks stay in memory for the page while the {@link InlineBudget} lasts; once a run outgrows it,
 * that run's chunks (held ones included) are written as files: `<run>-<chunk>.js`, one call of
 * {@link ANSWER_CHUNK_CALLBACK} with the block as a string. Those are compressed and written on a
 * worker thread ({@link ChunkFileWorker}) while this one reads on.
 */
export class AnswerChunkWriter {
  private packer: AnswerPacker;
  private count = 0;
  private readonly chunks: AnswerChunkRef[] = [];
  private held: InlineChunk[] = [];
  private spilled = false;
  private readonly bytes = { raw: 0, embedded: 0 };
  private worker: ChunkFileWorker | undefined;

  /**
   * @param files where chunk files go; without it every chunk stays inline (an in-memory page).
   * @param strings how the answers' strings come (UTF-8 byte strings are written out as the same bytes).
   */
  constructor(
    private readonly run: number,
    private readonly budget: InlineBudget,
    private readonly files?: ChunkFiles,
    private readonly chunkAnswers = CHUNK_ANSWERS,
    private readonly strings: PackerStrings = 'text',
  ) {
    this.packer = new AnswerPacker(strings);
  }

  /** How packed JSON's characters become bytes. */
  private get encoding(): 'utf8' | 'latin1' {
    return this.strings === 'utf8-bytes' ? 'latin1' : 'utf8';
  }

  /** @throws when the answer has an outcome the report does not know. */
  add(answer: ResultsAnswer): void {
    this.packer.add(answer);
    if (++this.count >= this.chunkAnswers) this.flush();
  }

  /**
   * The last chunk, and the whole run's chunk list, once every file is written.
   *
   * @throws a chunk file's write error (with its `code` and `path`).
   */
  async finish(): Promise<ChunkedAnswers> {
    if (this.count > 0) this.flush();
    if (this.worker !== undefined) {
      const written = await this.worker.close();
      this.bytes.raw += written.raw;
      this.bytes.embedded += written.embedded;
    }
    return { chunks: this.chunks, inline: this.held, bytes: this.bytes };
  }

  /** Stops writing (the report failed); the caller removes what was written. */
  async abort(): Promise<void> {
    await this.worker?.abort();
  }

  private flush(): void {
    const chunk = this.chunks.length;
    const packed = this.packer.packed();
    const count = this.count;
    this.packer = new AnswerPacker(this.strings);
    this.count = 0;
    if (this.files !== undefined && (this.spilled || this.budget.remaining < count)) {
      this.spill(this.files);
      const name = `${this.run}-${chunk}.js`;
      this.worker ??= new ChunkFileWorker();
      this.worker.write(
        this.files.dir,
        path.join(this.files.dir, name),
        `${ANSWER_CHUNK_CALLBACK}(${this.run},${chunk},"`,
        packedJson(packed),
        '");\n',
        this.encoding,
      );
      this.chunks.push({ count, src: `${this.files.src}/${name}` });
      return;
    }
    const { text, raw } = encodeBlock(packed, this.encoding);
    this.bytes.raw += raw;
    this.bytes.embedded += text.length;
    this.budget.remaining -= count;
    this.held.push({ chunk, text });
    this.chunks.push({ count });
  }

  /** The run outgrew the page: what it held moves out too, and gives its share back. */
  private spill(files: ChunkFiles): void {
    if (this.spilled) return;
    this.spilled = true;
    for (const h of this.held) {
      const ref = this.chunks[h.chunk]!;
      this.budget.remaining += ref.count;
      const name = `${this.run}-${h.chunk}.js`;
      mkdirSync(files.dir, { recursive: true });
      writeFileSync(path.join(files.dir, name), `${ANSWER_CHUNK_CALLBACK}(${this.run},${h.chunk},"${h.text}");\n`);
      this.chunks[h.chunk] = { count: ref.count, src: `${files.src}/${name}` };
    }
    this.held = [];
  }
}

/** Chunks of answers already in memory (or read from a file as they are iterated), all inline. */
export function chunkAnswers(
  run: number,
  answers: Iterable<ResultsAnswer>,
  chunkSize = CHUNK_ANSWERS,
): Promise<ChunkedAnswers> {
  const writer = new AnswerChunkWriter(run, { remaining: Number.POSITIVE_INFINITY }, undefined, chunkSize);
  for (const a of answers) writer.add(a);
  return writer.finish();
}
