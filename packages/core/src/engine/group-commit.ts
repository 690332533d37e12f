import type { EngineStore, EngineWrite } from './engine-store.js';

interface PendingWrite {
  write: EngineWrite;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Groups the store writes of calls that complete in the same event-loop turn into one commit.
 * At high concurrency dozens of answers arrive together; one commit each writes the same WAL pages
 * over and over. `write` resolves only once the write is committed, so a call still counts only
 * when it is durable; a write that is refused rejects alone and the others still commit.
 *
 * With a store that commits asynchronously (`EngineStore.commit`, e.g. on a worker thread) the
 * batch goes there; otherwise it runs in one `transaction` (or put by put).
 */
export class GroupCommit {
  #pending: PendingWrite[] = [];
  #scheduled = false;

  constructor(private readonly store: EngineStore) {}

  /** Queues `write` for the next commit; resolves once it is committed. */
  write(write: EngineWrite): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now. */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    if (this.store.commit) {
      this.store.commit(batch.map((p) => p.write)).then(
        (outcomes) => batch.forEach((p, i) => (outcomes[i] === undefined ? p.resolve() : p.reject(outcomes[i]))),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      );
      return;
    }
    this.#commitInline(batch);
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
