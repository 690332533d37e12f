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
const slotBusy = new Int32Array(workerData.slotBusy);
const slots = [];
let failed = false;
parentPort.on('message', (m) => {
  if (m.memory !== undefined) slots[m.slot] = m.memory;
  try {
    if (failed) parentPort.postMessage({ raw: 0, bytes: 0 });
    else {
      const json = new Uint8Array(slots[m.slot], 0, m.length);
      const text = gzipSync(json, { level: workerData.level }).toString('base64');
      mkdirSync(m.dir, { recursive: true });
      writeFileSync(m.file, m.prefix + text + m.suffix);
      parentPort.postMessage({ raw: m.length, bytes: text.length });
    }
  } catch (error) {
    failed = true;
    parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code, path: error && error.path } });
  }
  Atomics.store(slotBusy, m.slot, 0);
  Atomics.sub(pending, 0, 1);
  Atomics.notify(pending, 0);
});
`;

type Reply = { raw: number; bytes: number } | { error: { message: string; code?: string; path?: string } };

/**
 * The memory chunks cross in: one shared buffer per chunk that may be pending, reused from chunk to
 * chunk. A chunk's JSON is written into a free one and the worker reads it there. Memory the process
 * has not touched before costs more than the copy itself (each new page faults on its first write):
 * 5.7 MB of Latin-1 JSON took 18.5–25.9 ms to write into a new buffer and 0.26 ms into one already
 * used. Posting the JSON as a string paid that twice per chunk (the message's copy and the worker's
 * bytes); at 500,006 answers, `postMessage` alone took 1.9 s of the reading thread (CPU profile).
 */
const SLOTS = MAX_PENDING;

/**
 * Compresses and writes chunk files on a worker thread, beside the thread that reads and packs the
 * answers: on two cores the gzip of a big report costs no wall time. A chunk is handed over as its
 * JSON, not as the packed object: `JSON.stringify` here costs about what a structured clone of the
 * object would, where the object had to be rebuilt on the worker and stringified there (on 30,000
 * packed synthetic answers: 53–75 ms to serialise the objects and 208–271 ms to rebuild and stringify
 * them, against 66–76 ms to stringify). The JSON's bytes go into one of {@link SLOTS} reused shared
 * buffers, not into a message.
 * Synchronous to feed (the reader is), asynchronous to finish.
 */
export class ChunkFileWorker {
  private readonly pending = new Int32Array(new SharedArrayBuffer(4));
  /** Per slot: 1 while the worker has not yet written the chunk in it. */
  private readonly slotBusy = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
  private readonly slots: Array<SharedArrayBuffer | undefined> = Array.from({ length: SLOTS }, () => undefined);
  private readonly worker: Worker;
  private posted = 0;
  private replied = 0;
  private readonly bytes = { raw: 0, embedded: 0 };
  private failure: Error | undefined;
  private settle: (() => void) | undefined;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pending: this.pending.buffer, slotBusy: this.slotBusy.buffer, level: GZIP_LEVEL },
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
   * @param json the chunk's JSON, in pieces written one after another
   * @param encoding how json's characters become bytes (`latin1` for JSON of UTF-8 byte strings).
   */
  write(
    dir: string,
    file: string,
    prefix: string,
    json: Iterable<string>,
    suffix: string,
    encoding: 'utf8' | 'latin1' = 'utf8',
  ): void {
    for (let n = Atomics.load(this.pending, 0); n >= MAX_PENDING; n = Atomics.load(this.pending, 0))
      Atomics.wait(this.pending, 0, n, 1_000);
    // Fewer than MAX_PENDING chunks are pending, and the worker frees a slot before it counts its chunk done.
    const slot = this.slotBusy.findIndex((busy) => busy === 0);
    const memory = this.slots[slot];
    let bytes: Buffer = memory === undefined ? grow(undefined, 0, 0) : Buffer.from(memory);
    let grown = memory === undefined;
    let length = 0;
    for (const part of json) {
      // At most one byte per character as Latin-1, three as UTF-8 (a surrogate pair: four bytes for two).
      if (bytes.length - length < part.length * (encoding === 'latin1' ? 1 : 3)) {
        const need = length + (encoding === 'latin1' ? part.length : Buffer.byteLength(part, 'utf8'));
        if (bytes.length < need) {
          bytes = grow(bytes, length, need);
          grown = true;
        }
      }
      length += bytes.write(part, length, encoding);
    }
    if (grown) this.slots[slot] = bytes.buffer as SharedArrayBuffer;
    Atomics.store(this.slotBusy, slot, 1);
    Atomics.add(this.pending, 0, 1);
    this.posted++;
    this.worker.postMessage({
      dir,
      file,
      prefix,
      suffix,
      slot,
      length,
      ...(grown ? { memory: this.slots[slot] } : {}),
    });
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

/**
 * Shared memory for at least `need` bytes holding the first `used` bytes of `bytes`: twice the old
 * size at least, so a slot filled piece by piece grows a few times, then is reused as it is.
 */
function grow(bytes: Buffer | undefined, used: number, need: number): Buffer {
  const size = Math.max(Math.ceil(need * 1.25), 2 * (bytes?.length ?? 0), 64 * 1024);
  const next = Buffer.from(new SharedArrayBuffer(size));
  bytes?.copy(next, 0, 0, used);
  return next;
}
