/** The specification version (`1`) this contract defines, and the versions an engine accepts. */
export { SPECIFICATION_VERSION, SUPPORTED_SPECIFICATION_VERSIONS, type SpecificationVersion } from './version.js';
/** A request: chat messages and generation parameters. */
export type { ChatMessageV1, GenerationParamsV1, GenerateRequestV1 } from './messages.js';
/** A result: completed (text, finish reason, usage, served model) or blocked by the vendor. */
export type {
  UnifiedFinishReason,
  FinishReasonV1,
  UsageV1,
  WarningV1,
  ServedModelV1,
  CompletedResultV1,
  BlockStage,
  BlockedResultV1,
  GenerateResultV1,
} from './result.js';
/** What a model declares it supports. */
export type { ModelCapabilitiesV1 } from './capabilities.js';
/** Standard-Schema-shaped config validation an adapter exposes. */
export type { ConfigSchemaV1, ConfigSchemaResult, ConfigSchemaIssue } from './schema.js';
/** The model interface every adapter implements. */
export type { LanguageModelV1 } from './model.js';
/** The adapter definition the engine loads (`defineAdapter`). */
export { defineAdapter, type AdapterContextV1, type AdapterBaseConfigV1, type AdapterDefinitionV1 } from './adapter.js';
/** Errors adapters throw, recognised across package copies (`isInstance`). */
export {
  type AdapterErrorKind,
  type AdapterErrorOptions,
  AdapterError,
  RateLimitedError,
  TransientError,
  TimeoutError,
  AuthError,
  QuotaExhaustedError,
  type InvalidRequestReason,
  InvalidRequestError,
  InvalidResponseError,
  AbortedError,
} from './errors.js';
