import { gzipSync } from 'node:zlib';
import { CATEGORIES, DIMENSIONS } from '@sc-safety/results';
import type { ResultsDocument } from '@sc-safety/results';
import { packAnswers } from '../shared/pack-answers.js';
import { META_BLOCK_ID, REPORT_DATA_FORMAT, REPORT_DATA_VERSION, answersBlockId } from '../shared/report-data.js';
import type { PackedAnswers, ReportAgreement, ReportMeta, ReportRunMeta } from '../shared/report-data.js';
import { DATA_PLACEHOLDER, readTemplate } from './template.js';

/** A run to put in the report. */
export interface ReportRunInput {
  label: string;
  /** A parsed results.json, or one whose answers are read from disk as they are iterated. */
  results: ResultsDocument;
  /** The answers already packed, and the single-turn items, when a reader made them as it read (no second pass). */
  prepared?: PreparedAnswers;
}

/** What the page needs of a run's answers, gathered in one pass. */
export interface PreparedAnswers {
  packed: PackedAnswers;
  singleTurnItems: string[];
}

/** The page and what went into it. */
export interface RenderedReport {
  html: string;
  /** Bytes of JSON before compression, and of the embedded (gzip + base64) blocks. */
  dataBytes: { raw: number; embedded: number };
  answers: number;
}

/** JSON → gzip → base64: base64 never contains `<`, so the block cannot end its element early. */
export function encodeBlock(value: unknown): { text: string; raw: number } {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  return { text: gzipSync(json, { level: 6 }).toString('base64'), raw: json.length };
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
 * Builds the self-contained report page: the built app with the runs embedded as compressed
 * JSON. It opens from file:// with no server and no network.
 *
 * @param template the built page (default: read from the package's dist/app).
 */
export async function renderReport(
  runs: readonly ReportRunInput[],
  options: { template?: string; generatedAt?: string } = {},
): Promise<RenderedReport> {
  if (runs.length === 0) throw new Error('renderReport: no runs');
  const template = options.template ?? (await readTemplate());
  const meta = encodeBlock(buildMeta(runs, options.generatedAt));
  const blocks = [block(META_BLOCK_ID, meta.text)];
  let raw = meta.raw;
  let embedded = meta.text.length;
  let answers = 0;
  runs.forEach((run, i) => {
    const encoded = encodeBlock(run.prepared?.packed ?? packAnswers(run.results.answers));
    blocks.push(block(answersBlockId(i), encoded.text));
    raw += encoded.raw;
    embedded += encoded.text.length;
    answers += run.results.answers.length;
  });
  // A replacement function, so `$&`-style patterns in the data could never be interpreted.
  const html = template.replace(DATA_PLACEHOLDER, () => blocks.join('\n'));
  return { html, dataBytes: { raw, embedded }, answers };
}
