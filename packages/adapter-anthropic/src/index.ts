import { adapter } from './adapter.js';

export { adapter };
export default adapter;
export { configSchema, validateConfig } from './config-schema.js';
export {
  DEFAULT_API_KEY_ENV,
  DEFAULT_MAX_TOKENS,
  DEFAULT_TIMEOUT_MS,
  type AnthropicAdapterConfig,
  type ResolvedAnthropicConfig,
} from './config.js';
export { createModel } from './create-model.js';
export { AnthropicMessagesModel, type AnthropicMessagesModelSettings } from './anthropic-messages-model.js';
export { classifyError, type ErrorEvidence } from './classify-error.js';
export { mapFinishReason } from './finish-reason.js';
export { mapMessages, LEADING_USER_PLACEHOLDER, type AnthropicTurn, type MappedMessages } from './map-messages.js';
export { mapRequest, type MapRequestInput, type MappedRequest } from './map-request.js';
export { mapUsage } from './map-usage.js';
export { MODERATION_SIGNALS } from './interpret-message.js';
export { VERSION } from './version.js';
