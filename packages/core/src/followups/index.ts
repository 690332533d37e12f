export { ATTACKER_OUTCOMES, type AttackerOutcome } from './attacker-outcome.js';
export {
  ATTACKER_PROMPT_VERSION,
  ATTACKER_TEMPLATE,
  ATTACKER_OUTPUT,
  ATTACKER_FENCE,
  DEFAULT_MAX_FOLLOWUP_CHARS,
} from './attacker-prompt-template.js';
export { attackerPromptHash, attackerPromptMaterial, hashAttackerPromptMaterial, type AttackerPromptMaterial } from './attacker-prompt-hash.js';
export { buildAttackerMessages, type AttackerPromptInput } from './build-attacker-prompt.js';
export { extractAttackerTask, type AttackerTask } from './extract-attacker-task.js';
export {
  classifyAttackerReply,
  isAttackerRefusal,
  isEcho,
  ATTACKER_REPLY_PARSER_VERSION,
  ECHO_SIMILARITY,
  type AttackerReading,
} from './classify-attacker-reply.js';
export { assignStrategies } from './assign-strategies.js';
export {
  loadFollowupsConfig,
  validateFollowupsConfig,
  FOLLOWUPS_CONFIG_KEYS,
  MAX_FOLLOWUP_CHARS_LIMIT,
  type FollowupsConfig,
  type LoadedFollowupsConfig,
} from './followups-config.js';
export { followupItem, type AttackerProvenance, type FollowupMeta } from './followup-item.js';
export {
  generateFollowups,
  FOLLOWUPS_PLAN_META_KEY,
  type GenerateFollowupsOptions,
  type GenerateFollowupsResult,
  type FollowupsPlan,
  type FollowupsEvent,
} from './generate-followups.js';
export { adaptiveTurnSource, strategyOfTurn, type AdaptiveTurnSourceOptions, type PreparedAttacker } from './adaptive-turn-source.js';
export { buildAdaptiveAttackerMessages, type AdaptiveAttackerPromptInput } from './build-adaptive-attacker-prompt.js';
export { extractAdaptiveAttackerTask, type AdaptiveAttackerTask } from './extract-adaptive-attacker-task.js';
export { ADAPTIVE_ATTACKER_PROMPT_VERSION, ADAPTIVE_ATTACKER_TEMPLATE } from './adaptive-prompt-template.js';
export { adaptiveAttackerPromptHash } from './attacker-prompt-hash.js';
export { readAttackerResult, type AttackerResultReading } from './read-attacker-result.js';
