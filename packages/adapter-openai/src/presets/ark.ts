import { CONTENT_FILTER_FINISH_RULE, errorCode } from './common.js';
import type { OpenAIPreset } from './types.js';

const CODE_FROM_BODY = { path: 'error.code' } as const;

/** ByteDance Doubao on Volcengine Ark (docs/vendor-apis.md §12). */
export const arkPreset: OpenAIPreset = {
  name: 'ark',
  label: 'Volcengine Ark',
  baseURL: 'https://ark.cn-beijing.volces.com/api/v3',
  apiKeyEnv: 'ARK_API_KEY',
  requiresApiKey: true,
  blocks: [
    {
      on: 'error',
      when: errorCode(
        'InputTextSensitiveContentDetected',
        'InputImageSensitiveContentDetected',
        'InputTextRiskDetection',
        'InputImageRiskDetection',
      ),
      stage: 'input',
      code: CODE_FROM_BODY,
      description: 'the input was flagged as sensitive',
      signal: 'error.code=Input*SensitiveContentDetected|Input*RiskDetection',
    },
    {
      on: 'error',
      when: errorCode(
        'OutputTextSensitiveContentDetected',
        'OutputImageSensitiveContentDetected',
        'OutputTextRiskDetection',
      ),
      stage: 'output',
      code: CODE_FROM_BODY,
      description: 'the output was flagged as sensitive',
      signal: 'error.code=Output*SensitiveContentDetected|OutputTextRiskDetection',
    },
    {
      // SensitiveContentDetected, .SevereViolation, .Violence.
      on: 'error',
      when: { path: 'error.code', startsWith: 'SensitiveContentDetected' },
      stage: 'input',
      code: CODE_FROM_BODY,
      description: 'the request was flagged as sensitive',
      signal: 'error.code=SensitiveContentDetected*',
    },
    CONTENT_FILTER_FINISH_RULE,
  ],
  clamps: {},
  supportsSeed: false,
  streamUsage: false,
  maxTokensParam: 'max_tokens',
  failures: [
    { when: errorCode('AccountOverdueError'), kind: 'quota_exhausted' },
    { when: errorCode('InvalidEndpointOrModel.NotFound', 'ModelNotOpen'), kind: 'model_not_found' },
  ],
  openQuestions: [
    'Output-block code names and whether finish_reason=content_filter is used mid-stream (docs/vendor-apis.md §19.6 #5).',
  ],
};
