import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
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
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let written = false;
  try {
    const handle = await open(temp, 'wx');
    try {
      let batch = '';
      for await (const chunk of chunks) {
        batch += chunk;
        if (batch.length >= WRITE_BATCH_CHARS) {
          await handle.write(batch, null, 'utf8');
          batch = '';
        }
      }
      if (batch !== '') await handle.write(batch, null, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    written = true;
    return temp;
  } finally {
    if (!written) await unlink(temp).catch(() => {});
  }
}

/**
 * Writes `content` to `path` so that readers see either the old file or the whole new one, never
 * a half-written file: the bytes go to a temporary file in the same directory (same file system,
 * so the rename is atomic), are flushed to disk, and the temporary file is renamed over `path`.
 * On failure the temporary file is removed.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string> | AsyncIterable<string>): Promise<void> {
  const temp = await writeTempFile(path, typeof content === 'string' ? [content] : content);
  let renamed = false;
  try {
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => {});
  }
}
