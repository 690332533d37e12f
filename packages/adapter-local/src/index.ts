import { adapter } from './adapter.js';

export { adapter };
export default adapter;
export { configSchema, validateConfig } from './config-schema.js';
export {
  DEFAULT_BASE_URLS,
  DEFAULT_GGUF_MAX_TOKENS,
  DEFAULT_HEALTH_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  LOCAL_TARGETS,
  PROMPT_FORMATS,
  type LocalAdapterConfig,
  type LocalServerTarget,
  type LocalTarget,
  type PromptFormat,
} from './config.js';
export { createModel } from './create-model.js';
export type { InternalOptions } from './internal-options.js';
export { LocalServerModel, type LocalServerModelSettings, type ServerProtocol } from './local-server-model.js';
export { GgufModel, DEFAULT_GGUF_CONTEXT_CAP, type GgufModelSettings } from './gguf/gguf-model.js';
export { GGUF_MAGIC, assertGgufFile } from './gguf/assert-gguf-file.js';
export { NODE_LLAMA_CPP_VERSION } from './gguf/load-node-llama-cpp.js';
export { StreamInterruptedError } from './stream-interrupted-error.js';
export { renderPrompt, type RenderedPrompt } from './llamacpp/prompt-format.js';
export { completionFinishReason } from './llamacpp/stop-type.js';
export { doneReason } from './ollama/done-reason.js';
export { DEFAULT_HEALTH_POLL_MS, type HealthProgress } from './http/wait-for-health.js';
export { VERSION } from './version.js';
