import { errorType, localServerPreset } from './common.js';
import type { OpenAIPreset } from './types.js';

/** llama.cpp llama-server on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const llamacppPreset: OpenAIPreset = localServerPreset({
  name: 'llamacpp',
  label: 'llama.cpp llama-server',
  port: 8080,
  streamUsage: false,
  // llama-server answers an over-long prompt with type exceed_context_size_error.
  failures: [{ when: errorType('exceed_context_size_error'), kind: 'context_length' }],
});
