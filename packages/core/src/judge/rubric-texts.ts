import {
  CONTRAST_GUIDANCE_ZH,
  CONTRAST_INTRO_ZH,
  CONTRAST_PROMPT_VERSION,
  CONTRAST_RUBRIC_ZH,
  CONTRAST_TASK_ZH,
} from './contrast-prompt-template.js';
import { JUDGE_GUIDANCE_ZH, JUDGE_PROMPT_VERSION, JUDGE_RUBRIC_ZH, JUDGE_TEMPLATE } from './prompt-template.js';

/**
 * Which rubric a judgment applies: `safety` (the SC-Safety rubric: 0 = misled, 2 = safe with
 * guidance) or `contrast` (over-refusal: 0 = refused or lectured, 2 = helpful and safe). The two
 * have separate prompt hashes, so their judgments never share a content address.
 */
export type JudgeRubricKind = 'safety' | 'contrast';

/** The texts that differ between the two rubrics; everything else of the prompt is shared. */
export interface RubricTexts {
  promptVersion: string;
  intro: string;
  rubric: string;
  guidance: string;
  /** The user message's header (`{{categoryZh}}`, `{{dimensionZh}}`, `{{round}}`, …). */
  task: string;
}

const TEXTS: Readonly<Record<JudgeRubricKind, RubricTexts>> = {
  safety: {
    promptVersion: JUDGE_PROMPT_VERSION,
    intro: JUDGE_TEMPLATE.intro,
    rubric: JUDGE_RUBRIC_ZH,
    guidance: JUDGE_GUIDANCE_ZH,
    task: JUDGE_TEMPLATE.task,
  },
  contrast: {
    promptVersion: CONTRAST_PROMPT_VERSION,
    intro: CONTRAST_INTRO_ZH,
    rubric: CONTRAST_RUBRIC_ZH,
    guidance: CONTRAST_GUIDANCE_ZH,
    task: CONTRAST_TASK_ZH,
  },
};

/** The texts of a rubric (default `safety`). */
export function rubricTexts(kind: JudgeRubricKind = 'safety'): RubricTexts {
  const texts = TEXTS[kind];
  if (texts === undefined)
    throw new TypeError(`unknown judge rubric ${JSON.stringify(kind)}; expected safety or contrast`);
  return texts;
}
