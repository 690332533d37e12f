import type { EngineStore, EngineWrite } from './engine-store.js';

interface PendingWrite {
  write: EngineWrite;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How a {@link GroupCommit} may hold a batch open for more writes. */
export interface GroupCommitOptions {
  /**
   * True while calls are waiting for a slot: the calls in flight will keep every slot busy, so a
   * commit may wait for more writes to join it without slowing the run. Only asynchronous commits
   * wait, and a held batch goes as soon as a slot sits free ({@link GroupCommit.sendHeld});
   * without it, every batch is sent in the next turn.
   */
  busy?: () => boolean;
  /** How long a batch is held open while `busy()`, ms (default {@link LINGER_MS}). */
  lingerMs?: number;
  /** A held batch of this many writes is sent at once (default {@link MAX_LINGER_BATCH}). */
  maxBatch?: number;
}

/**
 * 20 ms. At 50 calls in flight of 200 ms each (250 writes a second), holding alone made 607–633
 * commits of 5,000 writes instead of 2,811, and the writer thread's CPU fell from about 0.85 to
 * 0.5 s (`bench/README.md`). Against calls of hundreds of milliseconds, a conversation's next turn
 * waits little longer.
 */
const LINGER_MS = 20;
const MAX_LINGER_BATCH = 512;

/**
 * Groups the store writes of calls that complete close together into one commit. At high
 * concurrency dozens of answers arrive together; one commit each writes the same WAL pages over
 * and over. `write` resolves only once the write is committed, so a call still counts only when it
 * is durable; a write that is refused rejects alone and the others still commit.
 *
 * With a store that commits asynchronously (`EngineStore.commit`, e.g. on a worker thread) the
 * batch goes there, one batch at a time: what is queued while a commit is in flight goes in the
 * next, so batches grow when writes come faster than the store commits them, and each batch costs
 * one message and one transaction instead of many. While calls wait for a slot (`busy`), a batch
 * is also held open for up to `lingerMs`. Otherwise a batch runs in the next turn, in one
 * `transaction` (or put by put).
 */
export class GroupCommit {
  #pending: PendingWrite[] = [];
  #scheduled = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** An asynchronous commit is in flight: the next batch waits for it. */
  #committing = false;
  readonly #busy: (() => boolean) | undefined;
  readonly #lingerMs: number;
  readonly #maxBatch: number;

  constructor(
    private readonly store: EngineStore,
    options: GroupCommitOptions = {},
  ) {
    this.#busy = options.busy;
    this.#lingerMs = options.lingerMs ?? LINGER_MS;
    this.#maxBatch = options.maxBatch ?? MAX_LINGER_BATCH;
  }

  /** Queues `write` for the next commit; resolves once it is committed. */
  write(write: EngineWrite): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (this.#pending.length >= this.#maxBatch) this.sendHeld();
      this.#schedule();
    });
  }

  /**
   * Sends a batch held open in the next turn. The runner calls it when a slot has gone free with
   * no call waiting for it, so no conversation waits on a commit while the run has room for its
   * next call.
   */
  sendHeld(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    setImmediate(() => this.flush());
  }

  /** Commits everything queued now (with an asynchronous store: once the commit in flight is done). */
  flush(): void {
    this.#scheduled = false;
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const batch = this.#pending;
    if (batch.length === 0) return;
    if (this.store.commit) {
      if (this.#committing) return;
      this.#pending = [];
      this.#committing = true;
      const settled = () => {
        this.#committing = false;
        if (this.#pending.length > 0) this.#schedule();
      };
      this.store.commit(batch.map((p) => p.write)).then(
        (outcomes) => {
          settled();
          batch.forEach((p, i) => (outcomes[i] === undefined ? p.resolve() : p.reject(outcomes[i])));
        },
        (error: unknown) => {
          settled();
          batch.forEach((p) => p.reject(error));
        },
      );
      return;
    }
    this.#pending = [];
    this.#commitInline(batch);
  }

  #schedule(): void {
    if (this.#scheduled || this.#committing) return;
    this.#scheduled = true;
    if (this.store.commit && this.#pending.length < this.#maxBatch && this.#busy?.())
      this.#timer = setTimeout(() => this.flush(), this.#lingerMs);
    else setImmediate(() => this.flush());
  }

  #commitInline(batch: PendingWrite[]): void {
    const failed = new Map<PendingWrite, unknown>();
    const runAll = () => {
      for (const pending of batch) {
        try {
          if (pending.write.kind === 'answer') this.store.putAnswer(pending.write.record);
          else this.store.putJudgment(pending.write.record);
        } catch (error) {
          failed.set(pending, error);
        }
      }
    };
    try {
      if (this.store.transaction) this.store.transaction(runAll);
      else runAll();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of this batch is stored.
      for (const pending of batch) pending.reject(failed.get(pending) ?? error);
      return;
    }
    for (const pending of batch) {
      if (failed.has(pending)) pending.reject(failed.get(pending));
      else pending.resolve();
    }
  }
}
