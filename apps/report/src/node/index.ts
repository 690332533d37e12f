/**
 * The sc-safety web report: turns run directories into one self-contained HTML page
 * (`sc-safety report`) or serves that page on loopback (`sc-safety view`).
 */
export { loadRun, loadRuns, ReportInputError } from './load-runs.js';
export type { LoadedRun } from './load-runs.js';
export { renderReport, buildMeta, encodeBlock } from './render-report.js';
export type { RenderedReport, ReportRunInput } from './render-report.js';
export { writeReport } from './write-report.js';
export type { WrittenReport } from './write-report.js';
export { serveReport } from './serve-report.js';
export type { ReportServer } from './serve-report.js';
export { extractCsp } from './csp.js';
export { readTemplate, templatePath, DATA_PLACEHOLDER } from './template.js';
export { syntheticResults } from './synthetic-results.js';
export type { SyntheticOptions } from './synthetic-results.js';
export { packAnswers, unpackAnswers } from '../shared/pack-answers.js';
export type { ReportMeta, ReportAnswer, PackedAnswers } from '../shared/report-data.js';
