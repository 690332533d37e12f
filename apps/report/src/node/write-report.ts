import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AnswerChunkWriter, INLINE_ANSWERS } from './answer-chunks.js';
import type { InlineBudget } from './answer-chunks.js';
import { labelApart, loadRun, ReportInputError } from './load-runs.js';
import type { LoadedRun } from './load-runs.js';
import { renderReport } from './render-report.js';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** The report page (open it in a browser; no server needed). */
  file: string;
  /** The folder of answer chunks beside the page, when the runs were too big to carry inside it. */
  dataDir?: string;
  bytes: number;
  runs: LoadedRun[];
  answers: number;
  dataBytes: { raw: number; embedded: number };
}

/** Options of {@link writeReport}; the defaults are what `sc-safety report` uses. */
export interface WriteReportOptions {
  /** Answers the page carries inside itself, all runs together (default {@link INLINE_ANSWERS}). */
  inlineAnswers?: number;
  /** Answers per chunk (default {@link CHUNK_ANSWERS}). */
  chunkAnswers?: number;
}

/** Chunk folders are `answers-<8 hex>`: a new name per report, so the page being replaced keeps its own until the swap. */
const DATA_DIR = /^answers-[0-9a-f]{8}$/;

/**
 * `sc-safety report`: reads run directories (or results.json files) and writes `<outDir>/index.html`.
 * Each results.json is streamed once: validated, and packed in chunks as it is read (memory holds a
 * chunk, not the run). Up to {@link INLINE_ANSWERS} answers the page carries them (one
 * self-contained file); beyond, a run's chunks are `<script>` files in `<outDir>/answers-<id>/`,
 * which the page loads only when a view shows answers. The page is written to a temporary name and
 * renamed, after its chunks, so a reader never sees half a report; an older report's chunk folder is
 * removed after the swap.
 */
export async function writeReport(
  targets: readonly string[],
  outDir: string,
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
  if (targets.length === 0) throw new ReportInputError('name at least one run directory or results.json');
  const dataName = `answers-${randomBytes(4).toString('hex')}`;
  const dataDir = path.join(outDir, dataName);
  const budget: InlineBudget = { remaining: options.inlineAnswers ?? INLINE_ANSWERS };
  const file = path.join(outDir, 'index.html');
  const tmp = `${file}.${process.pid}.tmp`;
  await usableOut(outDir, () => mkdir(outDir, { recursive: true }));
  let writer: AnswerChunkWriter | undefined;
  try {
    const runs: LoadedRun[] = [];
    for (const [i, target] of targets.entries()) {
      // The answers' strings stay UTF-8 byte strings from the reader to the chunks' bytes: nothing decodes them.
      writer = new AnswerChunkWriter(i, budget, { dir: dataDir, src: dataName }, options.chunkAnswers, 'utf8-bytes');
      const packer = writer;
      // A chunk that cannot be written is a problem of --out, not of the run being read.
      let writeError: unknown;
      const run = await loadRun(target, {
        answerStrings: 'utf8-bytes',
        onAnswer: (a) => {
          if (writeError !== undefined) return;
          try {
            packer.add(a);
          } catch (error) {
            if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
            writeError = error;
          }
        },
      });
      if (writeError !== undefined) throw writeError;
      run.prepared.chunked = await writer.finish();
      writer = undefined;
      runs.push(run);
    }
    const rendered = await renderReport(labelApart(runs));
    await usableOut(outDir, () => writeFile(tmp, rendered.html, 'utf8'));
    await rename(tmp, file);
    const spilled = runs.some((r) => r.prepared.chunked?.chunks.some((c) => c.src !== undefined));
    await removeOldData(outDir, spilled ? dataName : undefined);
    return {
      file,
      ...(spilled ? { dataDir } : {}),
      bytes: Buffer.byteLength(rendered.html),
      runs,
      answers: rendered.answers,
      dataBytes: rendered.dataBytes,
    };
  } catch (error) {
    await writer?.abort();
    await rm(dataDir, { recursive: true, force: true });
    await rm(tmp, { force: true });
    throw error;
  }
}

async function usableOut(outDir: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    // A bad --out (an existing file, a read-only place) is a usage error, not a crash.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EROFS' || code === 'EISDIR') {
      throw new ReportInputError(
        `${outDir}: cannot write the report there (${code}); --out must be a writable directory`,
      );
    }
    throw error;
  }
}

/** Removes chunk folders of reports written here before (all but `keep`). */
async function removeOldData(outDir: string, keep: string | undefined): Promise<void> {
  const entries = await readdir(outDir, { withFileTypes: true });
  for (const e of entries)
    if (e.isDirectory() && DATA_DIR.test(e.name) && e.name !== keep)
      await rm(path.join(outDir, e.name), { recursive: true, force: true });
}
