import { adapter } from './adapter.js';

export { adapter };
export default adapter;
export { configSchema, validateConfig } from './config-schema.js';
export { DEFAULT_TIMEOUT_MS, type HttpAdapterConfig } from './config.js';
export { createModel, type CreateModelOptions } from './create-model.js';
export { HttpModel, type HttpModelSettings } from './http-model.js';
export { PRESETS, PRESET_NAMES, type HttpPreset } from './presets/index.js';
export { AUTH_PLUGINS, AUTH_PLUGIN_NAMES } from './auth/registry.js';
export type { AuthPlugin, AuthPluginFactory, AuthPluginInput, OutgoingRequest } from './auth/types.js';
export { validateTemplate, assertTemplate, TemplateError, type TemplateIssue } from './template/validate-template.js';
export { readTemplateFile } from './template/load-template.js';
export type {
  JsonPath,
  Condition,
  StageSpec,
  BlockRule,
  FailureKind,
  RetryAfterSource,
  FailureRule,
  ParamSpec,
  RequestMapping,
  UsagePaths,
  ServedModelPaths,
  RequestIdSource,
  ResponsePaths,
  StreamSpec,
  ErrorSpec,
  AuthSpec,
  HttpTemplate,
} from './template/types.js';
export { mapRequest, type MappedRequest, type MapRequestInput } from './map-request.js';
export { VERSION } from './version.js';
