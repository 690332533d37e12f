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
  const tally = new RowStatsTally();
  for (const row of rows) tally.add(row);
  return tally.stats();
}

/** {@link rowStats} a row at a time, for a pass over the rows that does other work too. */
export class RowStatsTally {
  readonly #timings: Record<string, ModelTimings> = {};
  readonly #usage: Record<string, UsageTotals> = {};
  readonly #latencies = new Map<string, number[]>();

  add(row: AnswerRow): void {
    const t = (this.#timings[row.model] ??= {
      answers: 0,
      cachedAnswers: 0,
      latencyMsP50: null,
      latencyMsP95: null,
      retries: 0,
    });
    const u = (this.#usage[row.model] ??= { inputTokens: 0, outputTokens: 0, totalTokens: 0, calls: 0 });
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
      let list = this.#latencies.get(row.model);
      if (list === undefined) this.#latencies.set(row.model, (list = []));
      list.push(row.latencyMs);
    }
  }

  /** The stats of the rows added so far (latency percentiles computed now). */
  stats(): RowStats {
    for (const [model, list] of this.#latencies) {
      const sorted = Float64Array.from(list).sort();
      this.#timings[model]!.latencyMsP50 = quantileSorted(sorted, 0.5);
      this.#timings[model]!.latencyMsP95 = quantileSorted(sorted, 0.95);
    }
    return { timings: this.#timings, usage: this.#usage };
  }
}
