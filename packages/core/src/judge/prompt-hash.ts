import { createHash } from 'node:crypto';
import { canonicalJson } from '../dataset/canonical-json.js';
import { DEFAULT_RUBRIC } from '@sc-safety/results';
import { judgeScaleLevels } from './judge-scale.js';
import { VERDICT_PARSER_VERSION } from './parse-verdict.js';
import { JUDGE_DATA_RULES_ZH, JUDGE_TEMPLATE } from './prompt-template.js';
import { JUDGE_MULTI_TURN_TEMPLATE } from './multi-turn-template.js';
import { rubricTexts } from './rubric-texts.js';
import type { JudgePromptOptions, VerdictFormat } from './types.js';

/** Everything that decides how an answer is judged, apart from the answer itself. */
export interface JudgePromptMaterial {
  promptVersion: string;
  parserVersion: string;
  rubric: string;
  guidance: string;
  dataRules: string;
  /** Every other string the judge can be shown, repair turn included. */
  template: unknown;
  scale: { min: number; max: number };
  format: VerdictFormat;
  /** Present for the contrast rubric only, so the safety rubric's material (and hash) is unchanged. */
  rubricKind?: 'contrast';
}

/** The material {@link judgePromptHash} hashes, for the given scale and format. */
export function judgePromptMaterial(options: JudgePromptOptions = {}): JudgePromptMaterial {
  const scale = options.scale ?? DEFAULT_RUBRIC;
  judgeScaleLevels(scale);
  const kind = options.rubric ?? 'safety';
  const texts = rubricTexts(kind);
  return {
    promptVersion: texts.promptVersion,
    parserVersion: VERDICT_PARSER_VERSION,
    rubric: texts.rubric,
    guidance: texts.guidance,
    dataRules: JUDGE_DATA_RULES_ZH,
    // The contrast prompt shares the safety template but for its intro and task header.
    template: kind === 'safety' ? JUDGE_TEMPLATE : { ...JUDGE_TEMPLATE, intro: texts.intro, task: texts.task },
    scale: { min: scale.min, max: scale.max },
    format: options.format ?? 'marker',
    ...(kind === 'contrast' ? { rubricKind: 'contrast' as const } : {}),
  };
}

/** `sha256:<hex>` of the material as canonical JSON (key order never matters). */
export function hashJudgePromptMaterial(material: JudgePromptMaterial): string {
  return `sha256:${createHash('sha256').update(canonicalJson(material), 'utf8').digest('hex')}`;
}

/**
 * Provenance of the judging protocol: `sha256:<hex>` over the prompt template (every string the
 * judge can be shown, repair turn included), the rubric and guidance text, the prompt and
 * parser versions, the scale and the verdict format. Stable across runs and processes (neither
 * the per-judgment nonce nor the graded item is part of it); any change to wording, versions,
 * scale or format gives a new hash. Scores carrying different hashes were judged differently.
 */
export function judgePromptHash(options: JudgePromptOptions = {}): string {
  const material = judgePromptMaterial(options);
  // Every input besides scale and format is a module constant; the judge asks once per judgment.
  const key = `${material.scale.min}:${material.scale.max}:${material.format}:${material.rubricKind ?? 'safety'}`;
  let hash = hashCache.get(key);
  if (hash === undefined) {
    hash = hashJudgePromptMaterial(material);
    hashCache.set(key, hash);
  }
  return hash;
}

const hashCache = new Map<string, string>();

/**
 * The prompt hash of judgments of turns 3 and later (adaptive runs): the same material plus the
 * multi-turn template, so those judgments are keyed apart from two-turn ones.
 */
export function judgeMultiTurnPromptHash(options: JudgePromptOptions = {}): string {
  return hashJudgePromptMaterial({
    ...judgePromptMaterial(options),
    template: { base: judgePromptMaterial(options).template, multiTurn: JUDGE_MULTI_TURN_TEMPLATE },
  });
}
