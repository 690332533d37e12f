export * from './types.js';
export { RunConfigError, formatRunConfigProblem, type RunConfigProblem } from './run-config-error.js';
export {
  loadRunConfig,
  parseRunConfig,
  readConfigFile,
  type ConfigFileText,
  type LoadedRunConfig,
  type LoadRunConfigOptions,
  type ParseRunConfigOptions,
} from './load-run-config.js';
export { configFormatOf, type RunConfigFormat } from './parse-text.js';
// The zod schemas load only where a config is validated (`parseRunConfig` imports them on demand);
// `@sc-safety/core/run-config-schema` exports them for tools (the CLI's JSON Schema).
export type { ValidateRunConfigOptions, ValidatedRunConfig } from './validate-run-config.js';
export {
  adapterConfigOf,
  ENGINE_MODEL_FIELDS,
  SHARED_MODEL_FIELDS,
  PARAM_FIELDS,
  MODEL_ID_PATTERN,
  MAX_EPOCHS,
  type ModelRole,
} from './model-fields.js';
export { expandEnv, type EnvExpansion } from './expand-env.js';
export { isSecretField, redactSecrets, REDACTED } from './secret-fields.js';
export { secretForms, MIN_SECRET_LENGTH } from './secret-forms.js';
export { sanitizeForManifest } from './sanitize.js';
export {
  prepareModels,
  prepareModelEntries,
  locateModelAdapters,
  type AdapterModulePlan,
  listModelEntries,
  type PreparedModel,
  type PreparedModels,
  type PrepareModelsOptions,
} from './prepare-models.js';
export { resolveRunOptions, type RunOverrides, type RunOptions } from './run-options.js';
