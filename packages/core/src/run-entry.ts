/**
 * `@sc-safety/core/run`: the benchmark runner alone, for a fast start (`sc-safety run`, `check`,
 * `demo`). Importing it loads the config, dataset, store, engine and adapter-resolution modules;
 * scoring, exports and judge checks load when a run reaches them. The same names are in the main
 * entry (`@sc-safety/core`), which loads everything up front.
 *
 * @packageDocumentation
 */

export { runBenchmark, type RunBenchmarkOptions, type RunBenchmarkResult } from './run/run-benchmark.js';
export type { PlanEstimate } from './run/estimate-plan.js';
export type { EngineEvent } from './engine/runner.js';
export { PreflightFailedError, type PreflightReport } from './run/preflight.js';
export { JudgeCheckFailedError } from './run/judge-check-failed-error.js';
export { loadRunConfig, type LoadedRunConfig } from './config/load-run-config.js';
export { RunConfigError } from './config/run-config-error.js';
export { DatasetError } from './dataset/errors.js';
/** The terminal summary printed after a run (its module is loaded by then, to write summary.txt). */
export { renderSummary } from './export/render-summary.js';
