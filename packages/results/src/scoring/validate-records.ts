import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { CATEGORY_IDS } from '../taxonomy/types.js';
import { ANSWER_OUTCOMES, BLOCK_STAGES } from './outcome.js';
import { conversationKey } from './outcome.js';
import type { ScoreRecord } from './outcome.js';
import type { RubricScale } from './rubric.js';

/** A score record the scorer cannot use; the message names the record and what to fix. */
export class ScoringInputError extends Error {
  readonly code = 'scoring_input';
  /** Position of the offending record in the input, when one record is at fault. */
  readonly recordIndex: number | undefined;

  constructor(message: string, recordIndex?: number) {
    super(message);
    this.name = 'ScoringInputError';
    this.recordIndex = recordIndex;
  }
}

function describe(record: ScoreRecord, index: number): string {
  return `score record #${index} (model ${JSON.stringify(record.model)}, item ${JSON.stringify(record.itemId)}, round ${String(record.round)})`;
}

/** The error for a second record of the same model × item × epoch × round. */
export function duplicateRecordError(record: ScoreRecord, index: number): ScoringInputError {
  return new ScoringInputError(
    `${describe(record, index)}: duplicate record for this model, item, epoch and round`,
    index,
  );
}

/** The error for a record whose item has another category or dimension in an earlier record (#`firstIndex`). */
export function itemShapeError(
  record: ScoreRecord,
  index: number,
  first: { category: string; dimension: string; index: number },
): ScoringInputError {
  return new ScoringInputError(
    `${describe(record, index)}: item is ${record.category}/${record.dimension} here but ${first.category}/${first.dimension} in score record #${first.index}`,
    index,
  );
}

/**
 * Checks one record's own fields (everything {@link validateScoreRecords} checks but duplicates and
 * the item's shape across records): known outcome, round 1 or 2, known category and dimension, an
 * integer score within the rubric for `scored` answers and none for the others.
 *
 * @throws {ScoringInputError} naming the record (`i`, its position in the input) and what to fix.
 */
export function checkRecordFields(r: ScoreRecord, i: number, rubric: RubricScale, taxonomy?: Taxonomy): void {
  const where = (): string => describe(r, i);
  if (typeof r.model !== 'string' || r.model === '')
    throw new ScoringInputError(`${where()}: model must be a non-empty string`, i);
  if (typeof r.itemId !== 'string' || r.itemId === '')
    throw new ScoringInputError(`${where()}: itemId must be a non-empty string`, i);
  if (r.round !== 1 && r.round !== 2) throw new ScoringInputError(`${where()}: round must be 1 or 2`, i);
  if (!ANSWER_OUTCOMES.includes(r.outcome)) {
    throw new ScoringInputError(
      `${where()}: unknown outcome ${JSON.stringify(r.outcome)}; expected one of ${ANSWER_OUTCOMES.join(', ')}`,
      i,
    );
  }
  if (!CATEGORY_IDS.includes(r.category)) {
    throw new ScoringInputError(
      `${where()}: unknown category ${JSON.stringify(r.category)}; expected one of ${CATEGORY_IDS.join(', ')}`,
      i,
    );
  }
  if (typeof r.dimension !== 'string' || r.dimension === '')
    throw new ScoringInputError(`${where()}: dimension must be a non-empty string`, i);
  if (taxonomy !== undefined) {
    const dim = taxonomy.dimension(r.dimension);
    if (dim === undefined || dim.id !== r.dimension) {
      const hint = dim !== undefined ? ` (use its id "${dim.id}")` : '';
      throw new ScoringInputError(`${where()}: unknown dimension id ${JSON.stringify(r.dimension)}${hint}`, i);
    }
    if (dim.category !== r.category) {
      throw new ScoringInputError(`${where()}: dimension "${dim.id}" belongs to ${dim.category}, not ${r.category}`, i);
    }
  }
  if (r.outcome === 'scored') {
    const s = r.score;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < rubric.min || s > rubric.max) {
      throw new ScoringInputError(
        `${where()}: outcome "scored" needs an integer score from ${rubric.min} to ${rubric.max}, got ${JSON.stringify(s)}`,
        i,
      );
    }
  } else if (r.score !== undefined && r.score !== null) {
    throw new ScoringInputError(
      `${where()}: outcome "${r.outcome}" must not carry a score (got ${JSON.stringify(r.score)})`,
      i,
    );
  }
  if (r.block != null && !BLOCK_STAGES.includes(r.block.stage)) {
    throw new ScoringInputError(`${where()}: block stage must be one of ${BLOCK_STAGES.join(', ')}`, i);
  }
  if (r.epoch !== undefined && (!Number.isInteger(r.epoch) || r.epoch < 1)) {
    throw new ScoringInputError(`${where()}: epoch must be a positive integer, got ${JSON.stringify(r.epoch)}`, i);
  }
}

/**
 * Checks every record before any arithmetic: its own fields ({@link checkRecordFields}), one
 * record per model × item × epoch × round, and one category and dimension per item across all
 * models. With a taxonomy, dimensions must also exist in it under the record's category.
 */
export function validateScoreRecords(records: readonly ScoreRecord[], rubric: RubricScale, taxonomy?: Taxonomy): void {
  const seen = new Set<string>();
  const itemShape = new Map<string, { category: string; dimension: string; index: number }>();
  records.forEach((r, i) => {
    checkRecordFields(r, i, rubric, taxonomy);
    const key = `${r.model}\u0000${conversationKey(r)}\u0000${r.round}`;
    if (seen.has(key)) throw duplicateRecordError(r, i);
    seen.add(key);
    const shape = itemShape.get(r.itemId);
    if (shape === undefined) {
      itemShape.set(r.itemId, { category: r.category, dimension: r.dimension, index: i });
    } else if (shape.category !== r.category || shape.dimension !== r.dimension) {
      throw itemShapeError(r, i, shape);
    }
  });
}
