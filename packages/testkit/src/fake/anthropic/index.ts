export * from './create-anthropic-fake-server.js';
export { extractAnthropicMessages } from './extract-messages.js';
export { messagesRequestProblem } from './validate-request.js';
export { MESSAGES_PATH as ANTHROPIC_MESSAGES_PATH, sentApiKey as sentAnthropicApiKey } from './intercept.js';
export { rateLimitHeaders as anthropicRateLimitHeaders } from './respond.js';
export type { StreamedOverload } from './respond.js';
export {
  anthropicErrorBody,
  ANTHROPIC_ERROR_STATUS,
  CREDIT_BALANCE_MESSAGE,
  CONTEXT_LENGTH_MESSAGE,
  CONTENT_FILTERING_MESSAGE,
  OVERLOADED_MESSAGE,
} from './error-bodies.js';
export type { AnthropicErrorType } from './error-bodies.js';
