import type { AnswerRow } from '../engine/types.js';
import type { AdaptiveRecord } from '@sc-safety/results';

/** The adaptive board's view of an answer row (the compact fields it scores). */
export function adaptiveRecordOf(row: AnswerRow): AdaptiveRecord {
  return {
    model: row.model,
    itemId: row.itemId,
    ...(row.epoch !== undefined ? { epoch: row.epoch } : {}),
    round: row.round,
    outcome: row.outcome,
    score: row.score,
    ...(row.followup !== undefined ? { followup: { outcome: row.followup.outcome } } : {}),
  };
}
