import { CONTENT_FILTER_FINISH_RULE, errorCode } from './common.js';
import type { OpenAIPreset } from './types.js';

/** OpenAI itself (docs/vendor-apis.md §1, block rules §19.4). */
export const openaiPreset: OpenAIPreset = {
  name: 'openai',
  label: 'OpenAI',
  baseURL: 'https://api.openai.com/v1',
  apiKeyEnv: 'OPENAI_API_KEY',
  requiresApiKey: true,
  blocks: [
    CONTENT_FILTER_FINISH_RULE,
    {
      on: 'response',
      // A non-empty refusal: any non-space character.
      when: { path: 'choices[0].message.refusal', matches: '\\S' },
      stage: 'output',
      code: 'refusal',
      description: 'message.refusal: the model returned a refusal instead of content',
      message: 'choices[0].message.refusal',
      signal: 'message.refusal',
    },
    {
      on: 'error',
      when: errorCode('invalid_prompt', 'content_policy_violation'),
      stage: 'input',
      code: { path: 'error.code' },
      description: 'the prompt was flagged by the usage-policy filter',
      signal: 'error.code=invalid_prompt|content_policy_violation',
    },
    {
      // Azure OpenAI (and gateways copying it) reject a flagged prompt with code content_filter.
      on: 'error',
      when: { status: 400, path: 'error.code', equals: 'content_filter' },
      stage: 'input',
      code: 'content_filter',
      description: 'the prompt was rejected by the content filter',
      details: { innerCode: 'error.innererror.code' },
      signal: 'error.code=content_filter (Azure)',
    },
  ],
  clamps: { temperature: { min: 0, max: 2 }, topP: { min: 0, max: 1 } },
  supportsSeed: true,
  streamUsage: true,
  maxTokensParam: 'max_completion_tokens',
};
