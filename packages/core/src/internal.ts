/**
 * `@sc-safety/core/internal`: what the sc-safety CLI and the repository's bench use beyond the
 * public API (`@sc-safety/core`). Engine plumbing and config field lists, exported by name so
 * their users are visible; no compatibility promise: anything here may change in any release.
 *
 * @packageDocumentation
 */

/** Config field lists: the engine's own model-entry fields (the rest go to the adapter). */
export { ENGINE_MODEL_FIELDS, SHARED_MODEL_FIELDS, PARAM_FIELDS } from './config/model-fields.js';

/** The forms of a secret the store and exports refuse to write (raw, URL-encoded, base64…). */
export { secretForms } from './config/secret-forms.js';

/** Dataset reading pieces the CLI's `dataset` and `import` commands print with. */
export { formatOmitted } from './dataset/issues.js';
export { readJsonlLines, type JsonlLine } from './dataset/read-jsonl.js';
export { parseColumnMap, parseDimensionOverrides } from './dataset/import/column-map.js';

/** Engine plumbing, wired as `sc-safety run` wires it (the bench's throughput scenario). */
export { BackgroundWriter } from './store/background-writer.js';
export { keyModelConfig } from './store/key-builders.js';
export { AnswerSpool } from './export/answer-spool.js';
export { engineStoreWithWriter } from './run/engine-store-with-writer.js';
export { rubricJudgeProtocol, panelAggregator } from './run/judge-protocol.js';

/** Judge-check case fields and hard-case kinds (the repository's authoring check reads them). */
export { HARD_CASE_KINDS, JUDGE_CHECK_CASE_FIELDS } from './judge-check/types.js';
