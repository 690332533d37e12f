import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Chunks are gathered up to about this many characters per write: few syscalls, little memory. */
const WRITE_BATCH_CHARS = 1 << 16;

/**
 * Writes `chunks` to a new temporary file next to `path` (same directory, so a later rename over
 * `path` is atomic), flushes it to disk and returns its path. The chunks are consumed one at a
 * time (sync or async), so a large file is never held whole in memory; whatever the iterable throws (a check that
 * refuses a chunk) aborts the write. On failure the temporary file is removed.
 */
export async function writeTempFile(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<string> {
  const file = await TempFile.create(path);
  try {
    for await (const chunk of chunks) {
      const flushing = file.write(chunk);
      if (flushing) await flushing;
    }
    return await file.finish();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

/**
 * A temporary file next to `path` (same directory, so a later rename over `path` is atomic),
 * written chunk by chunk in batches: what {@link writeTempFile} uses, for writers that fill more
 * than one file in the same pass. Call {@link finish} (flushed to disk, returns the temporary
 * path) or {@link discard} (closed and removed).
 */
export class TempFile {
  #batch = '';
  #finished = false;

  private constructor(
    /** Path of the temporary file. */
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates the temporary file for `path` (exclusively: it never overwrites anything). */
  static async create(path: string): Promise<TempFile> {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    return new TempFile(temp, await open(temp, 'wx'));
  }

  /** Adds `chunk`; returns a promise to await only when a full batch is being written out. */
  write(chunk: string): Promise<void> | undefined {
    this.#batch += chunk;
    if (this.#batch.length < WRITE_BATCH_CHARS) return undefined;
    const batch = this.#batch;
    this.#batch = '';
    return this.handle.write(batch, null, 'utf8').then(() => undefined);
  }

  /** Appends `bytes` (after any text batched before them); resolves once they are written. */
  async writeBytes(bytes: Buffer): Promise<void> {
    if (this.#batch !== '') {
      const batch = this.#batch;
      this.#batch = '';
      await this.handle.write(batch, null, 'utf8');
    }
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, null);
      done += bytesWritten;
    }
  }

  /** Writes what is left, flushes the file to disk, closes it and returns its path. */
  async finish(): Promise<string> {
    try {
      if (this.#batch !== '') await this.handle.write(this.#batch, null, 'utf8');
      this.#batch = '';
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    this.#finished = true;
    return this.path;
  }

  /** Closes and removes the file, whatever state it is in. Safe after {@link finish} too. */
  async discard(): Promise<void> {
    this.#batch = '';
    if (!this.#finished) await this.handle.close().catch(() => {});
    this.#finished = true;
    await unlink(this.path).catch(() => {});
  }
}

/**
 * Writes `content` to `path` so that readers see either the old file or the whole new one, never
 * a half-written file: the bytes go to a temporary file in the same directory (same file system,
 * so the rename is atomic), are flushed to disk, and the temporary file is renamed over `path`.
 * On failure the temporary file is removed.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const temp = await writeTempFile(path, typeof content === 'string' ? [content] : content);
  let renamed = false;
  try {
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => {});
  }
}
