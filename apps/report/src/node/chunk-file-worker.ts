import { Worker } from 'node:worker_threads';
import { GZIP_LEVEL } from './encode-block.js';

/** Chunks handed over but not yet written: the writer waits past this many, so memory stays bounded. */
const MAX_PENDING = 3;

/**
 * The worker's code. Inline (CommonJS, `eval`), so the same file runs from src/ under the tests and
 * from dist/; it compresses, base64-encodes and writes one chunk file per message.
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
      const json = Buffer.from(JSON.stringify(m.value), 'utf8');
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
 * Serialises, compresses and writes chunk files on a worker thread, beside the thread that reads and
 * packs the answers: on two cores the JSON and gzip of a big report cost no wall time (handing a
 * chunk over, a structured clone, is a copy of its strings). Synchronous to feed (the reader is),
 * asynchronous to finish.
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

  /** Queues `<dir>/<file>` = prefix + base64(gzip(JSON of value)) + suffix; waits while the worker is behind. */
  write(dir: string, file: string, prefix: string, value: unknown, suffix: string): void {
    for (let n = Atomics.load(this.pending, 0); n >= MAX_PENDING; n = Atomics.load(this.pending, 0))
      Atomics.wait(this.pending, 0, n, 1_000);
    Atomics.add(this.pending, 0, 1);
    this.posted++;
    this.worker.postMessage({ dir, file, prefix, value, suffix });
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
