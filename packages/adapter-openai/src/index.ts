import { adapter } from './adapter.js';

export { adapter };
export default adapter;
export { configSchema, validateConfig } from './config-schema.js';
export { DEFAULT_TIMEOUT_MS, type OpenAIAdapterConfig } from './config.js';
export { createModel } from './create-model.js';
export { OpenAIChatModel, type OpenAIChatModelSettings } from './openai-chat-model.js';
export { findBlockRule, type BlockRuleMatch, type BlockDetails } from './block-rules.js';
export { mapFinishReason } from './finish-reason.js';
export { mapRequest, type MappedRequest, type MapRequestInput } from './map-request.js';
export { mapUsage } from './map-usage.js';
export {
  PRESETS,
  PRESET_NAMES,
  getPreset,
  type BlockRule,
  type ClampableSetting,
  type Condition,
  type FailureRule,
  type OpenAIPreset,
  type ParamClamp,
  type StageSpec,
} from './presets/index.js';
export { VERSION } from './version.js';
