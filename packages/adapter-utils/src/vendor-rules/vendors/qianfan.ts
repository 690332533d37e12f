import type { BlockRule, JsonPath } from '../types.js';

/**
 * Baidu Qianfan's moderation `flag` (docs/vendor-apis.md §5): 1 = low risk, the conversation may
 * go on (recorded, the answer kept); 2 = no further chat; 3 = must not be displayed; 4 = retract.
 * v1 (adapter-http) sends it at the top level, v2 (adapter-openai) inside `choices[0]`; the rules are
 * the same, at the paths of each protocol.
 */
export function qianfanFlagRules(
  paths: { flag: JsonPath; banRound: JsonPath },
  stage: 'output' | 'unknown',
): BlockRule[] {
  return [
    {
      when: { path: paths.flag, gte: 2 },
      stage,
      code: 'flag',
      description: 'flag >= 2: the exchange must not continue or be shown',
      details: { flag: paths.flag, banRound: paths.banRound },
      signal: `${paths.flag}>=2`,
    },
    {
      effect: 'flag',
      when: { path: paths.flag, gte: 1 },
      stage,
      code: 'flag',
      description: 'flag = 1: low risk, the conversation may continue',
      details: { flag: paths.flag },
      signal: `${paths.flag}>=1`,
    },
  ];
}
