/**
 * The sc-safety web report: turns run directories into one self-contained HTML page
 * (`sc-safety report`) or serves that page on loopback (`sc-safety view`).
 */
export { loadRun, loadRuns, labelApart, ReportInputError } from './load-runs.js';
export type { LoadedRun, LoadRunOptions } from './load-runs.js';
export { AnswerChunkWriter, chunkAnswers, CHUNK_ANSWERS, INLINE_ANSWERS } from './answer-chunks.js';
export type { ChunkedAnswers, ChunkFiles, InlineBudget, InlineChunk } from './answer-chunks.js';
export { renderReport, buildMeta, encodeBlock } from './render-report.js';
export type { PreparedAnswers, RenderedReport, ReportRunInput } from './render-report.js';
export { writeReport } from './write-report.js';
export type { WrittenReport, WriteReportOptions } from './write-report.js';
export { serveReport } from './serve-report.js';
export type { ReportServer } from './serve-report.js';
export { extractCsp } from './csp.js';
export { readTemplate, templatePath, DATA_PLACEHOLDER } from './template.js';
export { syntheticResults } from './synthetic-results.js';
export type { SyntheticOptions } from './synthetic-results.js';
export { packAnswers, unpackAnswers } from '../common/pack-answers.js';
export type { AnswerChunkRef, ReportMeta, ReportAnswer, PackedAnswers } from '../common/report-data.js';
