import type { AdapterContextV1, LanguageModelV1 } from '@sc-safety/spec';
import type { LocalAdapterConfig } from './config.js';
import { GgufModel } from './gguf/gguf-model.js';
import type { InternalOptions } from './internal-options.js';
import { createLlamaCppModel } from './llamacpp/create-llamacpp-model.js';
import { createOpenAICompatModel } from './openai-compat/create-openai-compat-model.js';
import { createOllamaModel } from './ollama/create-ollama-model.js';

/**
 * Builds the model for a validated config's `target`. Nothing is contacted or loaded here: the
 * servers are probed, and a GGUF file loaded, by `check()` (the engine calls it before a run) or
 * by the first call.
 */
export function createModel(
  config: LocalAdapterConfig,
  context: AdapterContextV1 = {},
  internal: InternalOptions = {},
): LanguageModelV1 {
  switch (config.target) {
    case 'llamacpp':
      return createLlamaCppModel(config, context, internal);
    case 'ollama':
      return createOllamaModel({ ...config, model: requireModel(config) }, context, internal);
    case 'vllm':
    case 'lmstudio':
      return createOpenAICompatModel(config.target, { ...config, model: requireModel(config) }, context, internal);
    case 'gguf': {
      if (config.modelPath === undefined) throw new Error('local adapter: target gguf needs "modelPath".');
      return new GgufModel({
        modelPath: config.modelPath,
        ...(config.model === undefined ? {} : { modelId: config.model }),
        ...(config.contextSize === undefined ? {} : { contextSize: config.contextSize }),
        ...(config.gpuLayers === undefined ? {} : { gpuLayers: config.gpuLayers }),
        ...(config.threads === undefined ? {} : { threads: config.threads }),
        ...(config.maxTokens === undefined ? {} : { maxTokens: config.maxTokens }),
        ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
        ...(context.log === undefined ? {} : { log: context.log }),
      });
    }
  }
}

function requireModel(config: LocalAdapterConfig): string {
  if (config.model === undefined || config.model.trim() === '')
    throw new Error(`local adapter: target ${config.target} needs "model".`);
  return config.model;
}
