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
export { createSseParser, parseSse, isDoneSentinel, type SseEvent, type SseParser, type SseParserOptions } from './sse.js';
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
export { servedModel, openAIServedModel, type ServedModelFields } from './served-model.js';
