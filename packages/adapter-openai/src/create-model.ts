import { createUndiciFetch, loadApiKey, mergeRules } from '@sc-safety/adapter-utils';
import type { AdapterContextV1 } from '@sc-safety/spec';
import type { OpenAIAdapterConfig } from './config.js';
import { OpenAIChatModel } from './openai-chat-model.js';
import { getPreset, PRESET_NAMES } from './presets/index.js';

/**
 * Builds a model from a validated config: resolves the preset, the base URL (config wins) and the
 * API key (explicit, else `apiKeyEnv`, else the preset's variable). A missing key fails here, with
 * the variable's name, before any call. Local presets need no key. The entry's `blocks:` and
 * `failures:` go in front of the preset's rules.
 */
export function createModel(config: OpenAIAdapterConfig, context: AdapterContextV1 = {}): OpenAIChatModel {
  const presetName = config.preset ?? 'openai';
  const builtIn = getPreset(presetName);
  if (builtIn === undefined) {
    throw new Error(`Unknown preset "${presetName}" for the openai adapter. Use one of: ${PRESET_NAMES.join(', ')}.`);
  }
  const overridden = config.blocks !== undefined || config.failures !== undefined;
  const preset = overridden ? { ...builtIn, ...mergeRules(config, builtIn) } : builtIn;
  const env = context.env ?? process.env;
  const environmentVariableName = config.apiKeyEnv ?? preset.apiKeyEnv;
  const apiKey =
    preset.requiresApiKey || config.apiKeyEnv !== undefined
      ? loadApiKey({ apiKey: config.apiKey, environmentVariableName, description: preset.label, env })
      : optionalKey(config.apiKey ?? env[environmentVariableName]);
  return new OpenAIChatModel({
    config,
    preset,
    baseURL: config.baseURL ?? preset.baseURL,
    apiKey,
    // undici's dispatcher unless the caller brings its own fetch: the same HTTP at about half the CPU per call.
    fetch: context.fetch ?? createUndiciFetch(),
    fetchReadsWholeJson: context.fetch === undefined,
  });
}

function optionalKey(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
