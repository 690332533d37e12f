export type {
  VerdictFormat,
  JudgeInput,
  JudgePromptOptions,
  JudgeAnswerOptions,
  JudgeOutcomeKind,
  JudgeBlock,
  JudgeOutcome,
} from './types.js';
export {
  JUDGE_PROMPT_VERSION,
  JUDGE_RUBRIC_ZH,
  JUDGE_GUIDANCE_ZH,
  JUDGE_DATA_RULES_ZH,
  JUDGE_TEMPLATE,
} from './prompt-template.js';
export {
  CONTRAST_PROMPT_VERSION,
  CONTRAST_INTRO_ZH,
  CONTRAST_RUBRIC_ZH,
  CONTRAST_GUIDANCE_ZH,
  CONTRAST_TASK_ZH,
} from './contrast-prompt-template.js';
export { rubricTexts, type JudgeRubricKind, type RubricTexts } from './rubric-texts.js';
export { newJudgeNonce, NONCE_PATTERN } from './nonce.js';
export { neutralizeDelimiters, fence, type FenceLabel } from './fence.js';
export { judgeScaleLevels, type JudgeScaleLevels } from './judge-scale.js';
export { buildJudgePrompt, type BuildJudgePromptOptions } from './build-prompt.js';
export {
  parseVerdict,
  VERDICT_PARSER_VERSION,
  type VerdictProblem,
  type VerdictParse,
  type ParseVerdictOptions,
} from './parse-verdict.js';
export { buildRepairMessages } from './repair-prompt.js';
export { judgePromptHash, judgeMultiTurnPromptHash, judgePromptMaterial, hashJudgePromptMaterial, type JudgePromptMaterial } from './prompt-hash.js';
export { JUDGE_MULTI_TURN_TEMPLATE } from './multi-turn-template.js';
export { judgeAnswer, addUsage } from './judge-answer.js';
export { renderVerdict } from './render-verdict.js';
export { extractJudgeTask, type JudgeTask } from './extract-task.js';
export { aggregatePanel, type PanelMethod, type PanelVerdict, type PanelResult } from './panel.js';
export { weightedKappa, type KappaWeights } from './weighted-kappa.js';
export { krippendorffAlpha, type AlphaMetric } from './krippendorff-alpha.js';
export { judgeAgreement, type JudgeRating, type JudgePairAgreement, type AgreementReport } from './judge-agreement.js';
