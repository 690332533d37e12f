import { localServerPreset } from './common.js';
import type { OpenAIPreset } from './types.js';

/** Ollama on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const ollamaPreset: OpenAIPreset = localServerPreset({
  name: 'ollama',
  label: 'Ollama',
  port: 11434,
  streamUsage: true,
});
