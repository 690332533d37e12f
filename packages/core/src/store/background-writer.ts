import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RunStoreError } from './errors.js';
import type { RunStore } from './run-store.js';
import type { PreparedWrite, StoreWrite } from './types.js';

/**
 * The worker: its own connection to the store file, running each batch of prepared statements in
 * one transaction. Plain JavaScript in a string, so it runs the same from sources and from dist/;
 * it reaches modules through `process.getBuiltinModule`, so it runs whether Node evaluates it as
 * CommonJS or (a parent started with `--input-type=module`) as an ES module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const Database = process.getBuiltinModule('node:module').createRequire(workerData.driver)(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = ' + workerData.synchronous);
const statements = new Map();
const statement = (sql) => {
  let s = statements.get(sql);
  if (s === undefined) statements.set(sql, (s = db.prepare(sql)));
  return s;
};
const runBatch = db.transaction((writes) =>
  writes.map((w) => {
    try {
      return { changes: statement(w.sql).run(w.params).changes };
    } catch (error) {
      return { error: String((error && error.message) || error) };
    }
  }),
);
parentPort.on('message', (message) => {
  if (message.type === 'close') {
    db.close();
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  let results;
  try {
    results = runBatch(message.writes);
  } catch (error) {
    results = { error: String((error && error.message) || error) };
  }
  parentPort.postMessage({ type: 'done', id: message.id, results });
});
`;

type WorkerResult = { changes: number } | { error: string };
type WorkerMessage = { type: 'done'; id: number; results: WorkerResult[] | { error: string } } | { type: 'closed' };

interface Pending {
  resolve: (results: WorkerResult[] | { error: string }) => void;
  reject: (error: Error) => void;
}

/**
 * Commits a run store's answers and judgments on a worker thread with its own connection to the
 * file, so the SQLite work — inserts, the commit's WAL writes, checkpoints, and with
 * `synchronous: 'full'` each fsync — never stalls the event loop the model calls run on.
 *
 * Records are checked and secret-guarded on the caller's thread (`RunStore.prepareWrite`), so a
 * bad record is refused exactly as `putAnswer` refuses it; only plain statement parameters cross
 * to the worker. A batch is one transaction; each write in it succeeds or fails on its own, and
 * {@link commit} resolves once the transaction is committed.
 */
export class BackgroundWriter {
  readonly #worker: Worker;
  readonly #store: RunStore;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #failure: Error | undefined;
  #closed: Promise<void> | undefined;

  private constructor(store: RunStore) {
    this.#store = store;
    const { file, synchronous, busyTimeoutMs } = store.connection;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, synchronous: synchronous.toUpperCase(), busyTimeoutMs, driver },
    });
    // An idle writer must not keep the process alive; one with commits in flight must (#send refs it).
    this.#worker.unref();
    this.#worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'done') return;
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) this.#worker.unref();
      pending?.resolve(message.results);
    });
    this.#worker.on('error', (error) =>
      this.#fail(
        new RunStoreError(`${file}: the store's writer thread failed: ${error.message}`, file, { cause: error }),
      ),
    );
    this.#worker.on('exit', (code) => {
      if (this.#closed === undefined)
        this.#fail(new RunStoreError(`${file}: the store's writer thread stopped (exit code ${code})`, file));
    });
  }

  /** Starts a writer for `store` (open read-write). */
  static start(store: RunStore): BackgroundWriter {
    if (store.readonly)
      throw new RunStoreError(`${store.file}: a background writer needs a store opened read-write`, store.file);
    return new BackgroundWriter(store);
  }

  /**
   * Stores `writes` in one transaction. Resolves, once committed, with one entry per write:
   * `undefined` when it was stored (or was already there: first write wins), else the error that
   * refused it. Rejects only when the transaction itself failed (nothing of it is stored).
   */
  async commit(writes: readonly StoreWrite[]): Promise<(Error | undefined)[]> {
    const outcomes: (Error | undefined)[] = new Array<Error | undefined>(writes.length);
    const prepared: PreparedWrite[] = [];
    const slots: number[] = [];
    writes.forEach((write, i) => {
      try {
        prepared.push(this.#store.prepareWrite(write));
        slots.push(i);
      } catch (error) {
        outcomes[i] = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (prepared.length === 0) return outcomes;
    const results = await this.#send(prepared);
    if (!Array.isArray(results))
      throw new RunStoreError(`${this.#store.file}: commit failed: ${results.error}`, this.#store.file);
    results.forEach((result, j) => {
      if ('error' in result)
        outcomes[slots[j]!] = new RunStoreError(`${this.#store.file}: ${result.error}`, this.#store.file);
    });
    return outcomes;
  }

  /** Waits for the writes in flight, closes the worker's connection and stops it. Safe to call twice. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      if (this.#failure === undefined) {
        const closed = new Promise<void>((resolve) => {
          const onMessage = (message: WorkerMessage) => {
            if (message.type === 'closed') {
              this.#worker.off('message', onMessage);
              resolve();
            }
          };
          this.#worker.on('message', onMessage);
          this.#worker.once('exit', () => resolve());
        });
        // Messages are handled in order: every batch posted before this is committed first. The
        // worker is ref'd so the process waits for it to finish.
        this.#worker.ref();
        this.#worker.postMessage({ type: 'close' });
        await closed;
      }
      await this.#worker.terminate();
    })();
    return this.#closed;
  }

  #send(writes: PreparedWrite[]): Promise<WorkerResult[] | { error: string }> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed)
      return Promise.reject(
        new RunStoreError(`${this.#store.file}: commit after the writer was closed`, this.#store.file),
      );
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ type: 'commit', id, writes });
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#worker.unref();
  }
}
