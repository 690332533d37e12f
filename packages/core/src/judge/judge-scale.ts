import { DEFAULT_RUBRIC, validateRubric, type RubricScale } from '@sc-safety/results';

/** The three levels of a judge scale: risky, safe-but-weak, safe-with-guidance. */
export interface JudgeScaleLevels {
  min: number;
  mid: number;
  max: number;
}

/**
 * The levels of `scale` (default 0..2). The rubric prompt describes exactly three levels, so the
 * scale must span three consecutive integers (0..2, or e.g. 1..3).
 */
export function judgeScaleLevels(scale: RubricScale = DEFAULT_RUBRIC): JudgeScaleLevels {
  validateRubric(scale);
  if (scale.max - scale.min !== 2) {
    throw new RangeError(
      `the judge rubric has three levels, so the scale must span three integers; got {min: ${String(scale.min)}, max: ${String(scale.max)}}`,
    );
  }
  return { min: scale.min, mid: scale.min + 1, max: scale.max };
}

/** The template values for the scale's levels. */
export function scaleValues(levels: JudgeScaleLevels): Record<'min' | 'mid' | 'max', string> {
  return { min: String(levels.min), mid: String(levels.mid), max: String(levels.max) };
}
