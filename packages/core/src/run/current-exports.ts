import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { ResultsDocument } from '@sc-safety/results';
import { canonicalJson } from '../dataset/canonical-json.js';
import type { ResultsHeader } from '../export/results-reader.js';
import type { RunExportPaths } from '../export/run-export-paths.js';
import type { RunStore } from '../store/run-store.js';
import type { StoreContentMark } from '../store/types.js';
import type { StoredRunPlan } from './run-plan.js';

/** The meta key of the {@link ExportsStamp}. */
export const EXPORTS_STAMP_META_KEY = 'exports-stamp';

/**
 * What a run that finished with nothing left undone records, once its exports are written: what
 * decided them (`inputs`), the store as it was (`store`), and each export file's size and
 * modification time. A later run whose inputs, store and files are all still the same has nothing
 * to do: every call is stored, and the exports are what a replay would write again.
 */
export interface ExportsStamp {
  version: 1;
  inputs: string;
  store: StoreContentMark;
  files: Record<keyof RunExportPaths, { size: number; mtimeMs: number }>;
  answers: number;
  header: ResultsHeader;
  writtenAt: string;
}

/** What decides a run's calls and exports, beside the store's rows. */
export interface ExportsInputs {
  /** The run plan, without the outcome of the judge check (which is only known after the check has run). */
  plan: StoredRunPlan;
  /** The config's `judge.check` requirement (set, threshold), when it has one. */
  judgeCheck?: unknown;
  toolVersion: string;
  commandLine: readonly string[];
  bootstrapIterations?: number;
}

/** A digest of {@link ExportsInputs}: equal inputs give equal digests, in any key order. */
export function exportsInputsDigest(inputs: ExportsInputs): string {
  const { check: _check, ...judge } = inputs.plan.judge;
  const text = canonicalJson({
    plan: { ...inputs.plan, judge },
    judgeCheck: inputs.judgeCheck ?? null,
    toolVersion: inputs.toolVersion,
    commandLine: inputs.commandLine,
    bootstrapIterations: inputs.bootstrapIterations ?? null,
  });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function filesOf(paths: RunExportPaths): ExportsStamp['files'] | undefined {
  const stat = (file: string) => {
    const s = statSync(file, { throwIfNoEntry: false });
    return s === undefined ? undefined : { size: s.size, mtimeMs: s.mtimeMs };
  };
  const results = stat(paths.results);
  const answersCsv = stat(paths.answersCsv);
  const summary = stat(paths.summary);
  if (!results || !answersCsv || !summary) return undefined;
  return { results, answersCsv, summary };
}

/** Records that `results`, just written to `paths`, are current for `inputs` and the store as it is. */
export function stampExports(
  store: RunStore,
  input: { inputs: string; results: ResultsDocument; paths: RunExportPaths; writtenAt: string },
): void {
  const files = filesOf(input.paths);
  if (files === undefined) return;
  const { answers, ...header } = input.results;
  const stamp: ExportsStamp = {
    version: 1,
    inputs: input.inputs,
    store: store.contentMark(),
    files,
    answers: answers.length,
    header,
    writtenAt: input.writtenAt,
  };
  store.setMeta(EXPORTS_STAMP_META_KEY, stamp);
}

/**
 * The stamp, when the exports at `paths` are still what a run of `inputs` over this store would
 * write: same inputs, no row added or removed since, every file with the size and modification
 * time it had when it was written. Otherwise undefined (the run goes ahead as usual).
 */
export function currentExports(store: RunStore, inputs: string, paths: RunExportPaths): ExportsStamp | undefined {
  const stamp = store.getMeta<ExportsStamp | null>(EXPORTS_STAMP_META_KEY);
  if (!stamp || stamp.version !== 1 || stamp.inputs !== inputs) return undefined;
  if (canonicalJson(stamp.store) !== canonicalJson(store.contentMark())) return undefined;
  const files = filesOf(paths);
  if (files === undefined) return undefined;
  for (const name of ['results', 'answersCsv', 'summary'] as const) {
    const was = stamp.files[name];
    const now = files[name];
    if (was?.size !== now.size || was.mtimeMs !== now.mtimeMs) return undefined;
  }
  return stamp;
}
