import { Worker } from 'node:worker_threads';
import { GZIP_LEVEL } from './encode-block.js';

/** Chunks handed over but not yet written: the writer waits past this many, so memory stays bounded. */
const MAX_PENDING = 3;

/**
 * The worker's code. Inline (CommonJS, `eval`), so the same file runs from src/ under the tests and
 * from dist/; it compresses, base64-encodes and writes one chunk file per message (a chunk's JSON).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { gzipSync } = require('node:zlib');
const { mkdirSync, writeFileSync } = require('node:fs');
const pending = new Int32Array(workerData.pending);
let failed = false;
parentPort.on('message', (m) => {
  if (failed) parentPort.postMessage({ raw: 0, bytes: 0 });
  else {
    try {
      const json = Buffer.from(m.json, m.encoding);
      const text = gzipSync(json, { level: workerData.level }).toString('base64');
      mkdirSync(m.dir, { recursive: true });
      writeFileSync(m.file, m.prefix + text + m.suffix);
      parentPort.postMessage({ raw: json.length, bytes: text.length });
    } catch (error) {
      failed = true;
      parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code, path: error && error.path } });
    }
  }
  Atomics.sub(pending, 0, 1);
  Atomics.notify(pending, 0);
});
`;

type Reply = { raw: number; bytes: number } | { error: { message: string; code?: string; path?: string } };

/**
 * Compresses and writes chunk files on a worker thread, beside the thread that reads and packs the
 * answers: on two cores the gzip of a big report costs no wall time. A chunk is handed over as its
 * JSON text, not as the packed object: `JSON.stringify` here costs about what a structured clone of
 * the object would, and a string crosses as one copy, where the object had to be rebuilt on the worker
 * and stringified there (on 30,000 packed synthetic answers: 53–75 ms to serialise the objects and
 * 208–271 ms to rebuild and stringify them, against 66–76 ms to stringify and, warm, 51–61 ms to copy the text).
 * Synchronous to feed (the reader is), asynchronous to finish.
 */
export class ChunkFileWorker {
  private readonly pending = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private posted = 0;
  private replied = 0;
  private readonly bytes = { raw: 0, embedded: 0 };
  private failure: Error | undefined;
  private settle: (() => void) | undefined;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pending: this.pending.buffer, level: GZIP_LEVEL },
    });
    this.worker.on('message', (reply: Reply) => {
      this.replied++;
      if ('error' in reply)
        this.failure ??= Object.assign(new Error(reply.error.message), {
          code: reply.error.code,
          path: reply.error.path,
        });
      else {
        this.bytes.raw += reply.raw;
        this.bytes.embedded += reply.bytes;
      }
      if (this.replied === this.posted || this.failure !== undefined) this.settle?.();
    });
    this.worker.on('error', (error) => {
      this.failure ??= error;
      this.settle?.();
    });
  }

  /**
   * Queues `<dir>/<file>` = prefix + base64(gzip(bytes of json)) + suffix; waits while the worker is behind.
   *
   * @param encoding how json's characters become bytes (`latin1` for JSON of UTF-8 byte strings).
   */
  write(
    dir: string,
    file: string,
    prefix: string,
    json: string,
    suffix: string,
    encoding: 'utf8' | 'latin1' = 'utf8',
  ): void {
    for (let n = Atomics.load(this.pending, 0); n >= MAX_PENDING; n = Atomics.load(this.pending, 0))
      Atomics.wait(this.pending, 0, n, 1_000);
    Atomics.add(this.pending, 0, 1);
    this.posted++;
    this.worker.postMessage({ dir, file, prefix, json, suffix, encoding });
  }

  /**
   * Waits for every queued file and stops the worker.
   *
   * @returns bytes of JSON, and of the encoded (base64) blocks written.
   * @throws the first write's error (with its `code` and `path`).
   */
  async close(): Promise<{ raw: number; embedded: number }> {
    if (this.replied < this.posted && this.failure === undefined)
      await new Promise<void>((resolve) => (this.settle = resolve));
    await this.worker.terminate();
    if (this.failure !== undefined) throw this.failure;
    return this.bytes;
  }

  /** Stops the worker without waiting for what is queued (the report failed). */
  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}
