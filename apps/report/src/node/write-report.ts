import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadRuns, ReportInputError } from './load-runs.js';
import type { LoadedRun } from './load-runs.js';
import { renderReport } from './render-report.js';

/** What {@link writeReport} wrote. */
export interface WrittenReport {
  /** The report page (open it in a browser; no server needed). */
  file: string;
  bytes: number;
  runs: LoadedRun[];
  answers: number;
  dataBytes: { raw: number; embedded: number };
}

/**
 * `sc-safety report`: reads run directories (or results.json files) and writes `<outDir>/index.html`,
 * one self-contained page. Written to a temporary name and renamed, so a reader never sees half a file.
 */
export async function writeReport(targets: readonly string[], outDir: string): Promise<WrittenReport> {
  const runs = await loadRuns(targets);
  const rendered = await renderReport(runs);
  const file = path.join(outDir, 'index.html');
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(tmp, rendered.html, 'utf8');
    await rename(tmp, file);
  } catch (error) {
    // A bad --out (an existing file, a read-only place) is a usage error, not a crash.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EROFS' || code === 'EISDIR') {
      throw new ReportInputError(`${outDir}: cannot write the report there (${code}); --out must be a writable directory`);
    }
    throw error;
  }
  return { file, bytes: Buffer.byteLength(rendered.html), runs, answers: rendered.answers, dataBytes: rendered.dataBytes };
}
