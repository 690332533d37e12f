import type { StoredAnswer, StoredFailure, StoredJudgment } from './types.js';

/** Column values of one `answers` row. */
export interface AnswerRow {
  key: string;
  model_id: string;
  item_id: string;
  round: number;
  result_json: string;
  raw_json: string | null;
  latency_ms: number;
  attempts: number;
  created_at: string;
}

/** Column values of one `judgments` row. */
export interface JudgmentRow {
  key: string;
  answer_key: string;
  judge_id: string;
  prompt_hash: string;
  outcome: string;
  score: number | null;
  result_json: string;
  created_at: string;
}

/** Column values of one `failures` row (without its log id). */
export interface FailureRow {
  key: string;
  kind: string;
  model_id: string;
  item_id: string;
  round: number;
  judge_id: string | null;
  error_kind: string;
  message: string;
  status: number | null;
  vendor_code: string | null;
  attempts: number;
  at: string;
}

/** The columns every stored call has (`answers` and `followups` rows): its result, raw body and timings. */
export type CallColumns = Pick<AnswerRow, 'result_json' | 'raw_json' | 'latency_ms' | 'attempts' | 'created_at'>;

/** What every stored call holds besides its identity: its result, raw body and timings. */
export type StoredCall = Pick<StoredAnswer, 'result' | 'raw' | 'latencyMs' | 'attempts' | 'createdAt'>;

/** A stored call's result, timings and (`withRaw`, when kept) raw body, read from its columns. */
export function callFromRow(row: CallColumns, withRaw: boolean): StoredCall {
  const call: StoredCall = {
    result: JSON.parse(row.result_json) as unknown,
    latencyMs: row.latency_ms,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
  if (withRaw && row.raw_json !== null) call.raw = JSON.parse(row.raw_json) as unknown;
  return call;
}

export function answerFromRow(row: AnswerRow, withRaw: boolean): StoredAnswer {
  return { key: row.key, modelId: row.model_id, itemId: row.item_id, round: row.round, ...callFromRow(row, withRaw) };
}

export function judgmentFromRow(row: JudgmentRow): StoredJudgment {
  return {
    key: row.key,
    answerKey: row.answer_key,
    judgeId: row.judge_id,
    promptHash: row.prompt_hash,
    outcome: row.outcome,
    score: row.score,
    result: JSON.parse(row.result_json) as unknown,
    createdAt: row.created_at,
  };
}

export function failureFromRow(row: FailureRow): StoredFailure {
  const failure: StoredFailure = {
    key: row.key,
    kind: row.kind === 'judgment' || row.kind === 'followup' ? row.kind : 'answer',
    modelId: row.model_id,
    itemId: row.item_id,
    round: row.round,
    errorKind: row.error_kind,
    message: row.message,
    attempts: row.attempts,
    at: row.at,
  };
  if (row.judge_id !== null) failure.judgeId = row.judge_id;
  if (row.status !== null) failure.status = row.status;
  if (row.vendor_code !== null) failure.vendorCode = row.vendor_code;
  return failure;
}
