import { localServerPreset } from './common.js';
import type { OpenAIPreset } from './types.js';

/** LM Studio on this machine (docs/vendor-apis.md §14–16). No content filter: no block rules. */
export const lmstudioPreset: OpenAIPreset = localServerPreset({
  name: 'lmstudio',
  label: 'LM Studio',
  port: 1234,
  streamUsage: false,
});
