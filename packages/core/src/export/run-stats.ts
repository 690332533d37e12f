import type { AnswerRow } from '../engine/types.js';
import { quantileSorted } from '@sc-safety/results';
import type { ModelTimings, UsageTotals } from '@sc-safety/results';

/** What the answer rows alone say about each model's run: counts, latency, usage. */
export interface RowStats {
  /** Timings per model, with `retries` 0 (only the lanes know retries: fill them in). */
  timings: Record<string, ModelTimings>;
  usage: Record<string, UsageTotals>;
}

/**
 * Per-model answer counts, cache hits, latency percentiles and token usage of this run. Answers
 * replayed from the store were not called now, so they are left out of latency (type-7
 * percentiles over the called answers that have one), tokens and calls; calls count every
 * attempt, retries included. Helps fill the manifest's `timings.perModel` and `usage.models`.
 */
export function rowStats(rows: Iterable<AnswerRow>): RowStats {
  const timings: Record<string, ModelTimings> = {};
  const usage: Record<string, UsageTotals> = {};
  const latencies = new Map<string, number[]>();
  for (const row of rows) {
    const t = (timings[row.model] ??= {
      answers: 0,
      cachedAnswers: 0,
      latencyMsP50: null,
      latencyMsP95: null,
      retries: 0,
    });
    const u = (usage[row.model] ??= { inputTokens: 0, outputTokens: 0, totalTokens: 0, calls: 0 });
    t.answers++;
    if (row.cached === true) {
      t.cachedAnswers++;
    } else {
      // Attempts include retries; rows recorded without asking (round 2 skipped, a stopped lane) made no call.
      u.calls += row.attempts ?? row.error?.attempts ?? (row.answerKey !== undefined ? 1 : 0);
    }
    if (row.cached !== true && row.usage !== undefined) {
      const input = row.usage.inputTokens ?? 0;
      const output = row.usage.outputTokens ?? 0;
      u.inputTokens += input;
      u.outputTokens += output;
      u.totalTokens += row.usage.totalTokens ?? input + output;
    }
    if (row.cached !== true && row.latencyMs !== undefined) {
      let list = latencies.get(row.model);
      if (list === undefined) latencies.set(row.model, (list = []));
      list.push(row.latencyMs);
    }
  }
  for (const [model, list] of latencies) {
    const sorted = Float64Array.from(list).sort();
    timings[model]!.latencyMsP50 = quantileSorted(sorted, 0.5);
    timings[model]!.latencyMsP95 = quantileSorted(sorted, 0.95);
  }
  return { timings, usage };
}
