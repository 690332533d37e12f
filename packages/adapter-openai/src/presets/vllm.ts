import { localServerPreset } from './common.js';
import type { OpenAIPreset } from './types.js';

/** vLLM on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const vllmPreset: OpenAIPreset = localServerPreset({
  name: 'vllm',
  label: 'vLLM',
  port: 8000,
  streamUsage: true,
});
