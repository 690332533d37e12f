import type { AdapterContextV1 } from '@sc-safety/spec';
import type { LocalAdapterConfig } from '../config.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import { LocalServerModel } from '../local-server-model.js';
import { createServerClient, serverCapabilities, waitForServerHealth } from '../local-server-setup.js';
import type { InternalOptions } from '../internal-options.js';
import { openAICompatProtocol } from './openai-compat-protocol.js';
import { probeModels } from './probe-models.js';

const NAMES = { vllm: 'vLLM', lmstudio: 'LM Studio' } as const;

const HOW_TO_LOAD = {
  vllm: (model: string) => `Start the server with \`vllm serve ${model}\` (or pass --served-model-name ${model}).`,
  lmstudio: (model: string) => `Load it in LM Studio or with \`lms load ${model}\`.`,
} as const;

/** vLLM or LM Studio: OpenAI-compatible chat, with health and model-list probes in `check()`. */
export function createOpenAICompatModel(
  target: 'vllm' | 'lmstudio',
  config: LocalAdapterConfig & { model: string },
  context: AdapterContextV1,
  internal: InternalOptions = {},
): LocalServerModel {
  const client = createServerClient(target, config, context);
  const label = `${NAMES[target]} at ${client.displayOrigin}`;
  const hints: ErrorHints = {
    contextLength: (fields) =>
      `${label}: the prompt is longer than the model's context window${fields.message === undefined ? '' : ` (${fields.message})`}. Shorten the conversation, or serve the model with a longer context (${target === 'vllm' ? '--max-model-len' : 'the context length setting when loading it'}).`,
    modelNotFound: (fields) =>
      `${label} does not serve model "${config.model}"${fields.message === undefined ? '' : ` (${fields.message})`}. ${HOW_TO_LOAD[target](config.model)}`,
  };
  const stream = config.stream ?? false;
  return new LocalServerModel({
    provider: `local.${target}`,
    modelId: config.model,
    label,
    capabilities: serverCapabilities(stream),
    timeoutMs: config.timeoutMs,
    secrets: client.secrets,
    protocol: openAICompatProtocol({ client, label, model: () => config.model, stream, hints }),
    probe: async (signal) => {
      if (target === 'vllm') {
        await waitForServerHealth({ client, label, hints, config, context, internal, notFoundIsHealthy: true }, signal);
      }
      await probeModels({ client, label, hints, model: config.model, howToLoad: HOW_TO_LOAD[target] }, signal);
    },
  });
}
