import { CATEGORIES, DIMENSIONS } from '@sc-safety/results';
import type { ResultsDocument } from '@sc-safety/results';
import { META_BLOCK_ID, REPORT_DATA_FORMAT, REPORT_DATA_VERSION, answersBlockId } from '../common/report-data.js';
import type { ReportAgreement, ReportMeta, ReportRunMeta } from '../common/report-data.js';
import { chunkAnswers } from './answer-chunks.js';
import type { ChunkedAnswers } from './answer-chunks.js';
import { encodeBlock } from './encode-block.js';
import { DATA_PLACEHOLDER, readTemplate } from './template.js';

export { encodeBlock } from './encode-block.js';

/** A run to put in the report. */
export interface ReportRunInput {
  label: string;
  /** A parsed results.json, or one whose answers are read from disk as they are iterated. */
  results: ResultsDocument;
  /** What a reader gathered as it read the answers (no second pass). */
  prepared?: PreparedAnswers;
}

/** What the page needs of a run's answers, gathered in one pass. */
export interface PreparedAnswers {
  singleTurnItems: string[];
  /** The answers already packed in chunks (`sc-safety report` writes big runs' chunks as files). */
  chunked?: ChunkedAnswers;
}

/** The page and what went into it. */
export interface RenderedReport {
  html: string;
  /** Bytes of JSON before compression, and of the (gzip + base64) blocks, in the page or beside it. */
  dataBytes: { raw: number; embedded: number };
  answers: number;
}

const block = (id: string, text: string): string =>
  `<script type="application/octet-stream" id="${id}" data-encoding="gzip+base64">${text}</script>`;

/** The meta block: everything but the answers, and the taxonomy's names. */
export function buildMeta(runs: readonly ReportRunInput[], generatedAt = new Date().toISOString()): ReportMeta {
  return {
    format: REPORT_DATA_FORMAT,
    version: REPORT_DATA_VERSION,
    generatedAt,
    categories: CATEGORIES.map((c) => ({ id: c.id, zh: c.zh, en: c.en })),
    dimensions: DIMENSIONS.map((d) => ({ id: d.id, zh: d.zh, en: d.en, category: d.category })),
    runs: runs.map(({ label, results, prepared }) => ({
      label,
      schemaVersion: results.schemaVersion,
      manifest: results.manifest,
      models: results.models,
      leaderboard: results.leaderboard,
      agreement: (results.agreement as ReportAgreement | null) ?? null,
      answerCount: results.answers.length,
      answerChunks: prepared?.chunked?.chunks ?? [],
      singleTurnItems: prepared?.singleTurnItems ?? singleTurnItems(results.answers),
      calibration: (results as { calibration?: ReportRunMeta['calibration'] }).calibration ?? null,
      ...(results.adaptiveLeaderboard ? { adaptiveLeaderboard: results.adaptiveLeaderboard } : {}),
    })),
  };
}

/** The items whose answers say they have no follow-up, each once, in answer order. */
export function singleTurnItems(answers: Iterable<{ itemId: string; singleTurn?: true }>): string[] {
  const ids = new Set<string>();
  for (const a of answers) if (a.singleTurn === true) ids.add(a.itemId);
  return [...ids];
}

/**
 * Builds the report page: the built app with the runs' meta and their answer chunks embedded as
 * compressed JSON, or, for chunks a writer already put in files, the list of those files. It opens
 * from file:// with no server and no network.
 *
 * @param template the built page (default: read from the package's dist/app).
 */
export async function renderReport(
  runs: readonly ReportRunInput[],
  options: { template?: string; generatedAt?: string } = {},
): Promise<RenderedReport> {
  if (runs.length === 0) throw new Error('renderReport: no runs');
  const template = options.template ?? (await readTemplate());
  const chunked: (ReportRunInput & { prepared: { chunked: ChunkedAnswers } })[] = [];
  for (const [i, run] of runs.entries()) {
    chunked.push({
      ...run,
      prepared: {
        singleTurnItems: run.prepared?.singleTurnItems ?? singleTurnItems(run.results.answers),
        chunked: run.prepared?.chunked ?? (await chunkAnswers(i, run.results.answers)),
      },
    });
  }
  const meta = encodeBlock(buildMeta(chunked, options.generatedAt));
  const blocks = [block(META_BLOCK_ID, meta.text)];
  let raw = meta.raw;
  let embedded = meta.text.length;
  let answers = 0;
  chunked.forEach((run, i) => {
    const { inline, bytes } = run.prepared.chunked;
    for (const c of inline) blocks.push(block(answersBlockId(i, c.chunk), c.text));
    raw += bytes.raw;
    embedded += bytes.embedded;
    answers += run.results.answers.length;
  });
  // A replacement function, so `$&`-style patterns in the data could never be interpreted.
  const html = template.replace(DATA_PLACEHOLDER, () => blocks.join('\n'));
  return { html, dataBytes: { raw, embedded }, answers };
}
