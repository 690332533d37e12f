export { loadApiKey, LoadApiKeyError, type LoadApiKeyOptions } from './load-api-key.js';
export {
  safeParseJson,
  parseJsonOrThrow,
  JSON_SNIPPET_LENGTH,
  type JsonParseFailure,
  type SafeParseJsonResult,
  type SafeParseJsonOptions,
  type ParseJsonOrThrowOptions,
} from './safe-json.js';
export {
  redactSecrets,
  redactHeaders,
  redactBody,
  isSecretName,
  isSecretHeaderName,
  REDACTED,
  DEFAULT_BODY_LIMIT,
  type RedactBodyOptions,
} from './redact.js';
export { combineHeaders, normalizeHeaders, getHeader, type HeadersInput } from './headers.js';
export {
  createSseParser,
  parseSse,
  isDoneSentinel,
  type SseEvent,
  type SseParser,
  type SseParserOptions,
} from './sse.js';
export { parseNdjson, type ParseNdjsonOptions } from './ndjson.js';
export { readChunks, type ByteStream } from './read-chunks.js';
export { createLineSplitter, type LineSplitter } from './line-splitter.js';
export {
  appendDelta,
  takeCumulative,
  createTextAccumulator,
  type AccumulationMode,
  type AccumulatedFrame,
  type TextAccumulator,
} from './accumulate.js';
export { parseRetryAfter, parseHttpDate, parseDuration, type ParseRetryAfterOptions } from './retry-after.js';
export { isAbortError, isTimeoutAbort } from './abort.js';
export { callSignal, type CallSignal } from './call-signal.js';
export { createUndiciFetch, type UndiciFetchOptions } from './undici-fetch.js';
export { redactJson, type RedactJsonOptions } from './redact-json.js';
export { errorText, sanitizedCause } from './sanitized-cause.js';
export {
  sdkFailureOutcome,
  settleCall,
  type CallFailureContext,
  type ErrorEvidence,
  type SdkFailureKinds,
} from './sdk-failure.js';
export { servedModel, openAIServedModel, type ServedModelFields } from './served-model.js';
export {
  FAILURE_KINDS,
  type JsonPath,
  type Condition,
  type StageSpec,
  type BlockRule,
  type FailureKind,
  type FailureRule,
  type RetryAfterSource,
  type RuleOverrides,
  type RuleSubject,
} from './vendor-rules/types.js';
export { failureKindError } from './vendor-rules/failure-error.js';
export {
  parsePath,
  isJsonPath,
  getPath,
  getFirst,
  setPath,
  scalarString,
  numberOf,
  isRecord,
} from './vendor-rules/json-path.js';
export { matches, matchesAny } from './vendor-rules/condition.js';
export {
  findBlock,
  flagWarning,
  type BlockDetails,
  type BlockMatch,
  type FindBlockOptions,
} from './vendor-rules/find-block.js';
export { findFailure, readRetryAfter, type RetryAfterEvidence } from './vendor-rules/find-failure.js';
export { mergeRules, type MergedRules } from './vendor-rules/merge-rules.js';
export { IssueCollector, type RuleIssue } from './vendor-rules/issue-collector.js';
export {
  validateRuleOverrides,
  splitIssuePath,
  checkBlockRule,
  checkFailureRule,
  checkCondition,
} from './vendor-rules/validate-rules.js';
export {
  dashscopeStage,
  dashscopeSharedFailures,
  DASHSCOPE_SPENT_QUOTA_CODES,
  DASHSCOPE_CONTEXT_LENGTH_TEXT,
} from './vendor-rules/vendors/dashscope.js';
export { ZHIPU_BLOCKS, ZHIPU_FAILURES } from './vendor-rules/vendors/zhipu.js';
export { qianfanFlagRules } from './vendor-rules/vendors/qianfan.js';
