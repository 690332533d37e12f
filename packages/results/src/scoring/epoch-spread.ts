import { conversationKey } from './outcome.js';
import type { ScoreRecord } from './outcome.js';

/**
 * How much a model's verdicts move between epochs (repeated sampling): over every item × round
 * scored in two or more epochs, the share whose scores are not all equal and the mean per-item
 * standard deviation of its epoch scores (sample SD, n − 1). A model asked once has no spread.
 */
export interface EpochSpread {
  /** The most epochs any of the model's answers carries. */
  epochs: number;
  /** Item × round units scored in ≥ 2 epochs (the spread's denominator). */
  units: number;
  /** Of those, units whose epoch scores differ. */
  differing: number;
  /** `differing / units`; null when no unit has two scored epochs. */
  differingShare: number | null;
  /** Mean over units of the sample SD of their epoch scores (rubric points); null as above. */
  meanSd: number | null;
  /** The differing units, with their scores by epoch (null = that epoch not scored). */
  items: { itemId: string; round: 1 | 2; scores: (number | null)[] }[];
}

/** Sample standard deviation (n − 1) of at least two values. */
function sampleSd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Math.sqrt(ss / (values.length - 1));
}

/**
 * {@link EpochSpread} per model, for models whose answers span more than one epoch (keyed by
 * model in first-appearance order). Empty when no record has an epoch above 1.
 */
export function epochSpread(records: readonly ScoreRecord[]): Record<string, EpochSpread> {
  const byModel = new Map<
    string,
    { epochs: number; units: Map<string, { itemId: string; round: 1 | 2; scores: (number | null)[] }> }
  >();
  const seen = new Set<string>();
  for (const r of records) {
    const epoch = r.epoch ?? 1;
    let model = byModel.get(r.model);
    if (model === undefined) byModel.set(r.model, (model = { epochs: 0, units: new Map() }));
    model.epochs = Math.max(model.epochs, epoch);
    // One record per conversation and round (validated upstream); guard anyway against double counting.
    const once = `${r.model}\u0000${conversationKey(r)}\u0000${r.round}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const key = `${r.itemId}\u0000${r.round}`;
    let unit = model.units.get(key);
    if (unit === undefined) model.units.set(key, (unit = { itemId: r.itemId, round: r.round, scores: [] }));
    unit.scores[epoch - 1] = r.outcome === 'scored' ? (r.score as number) : null;
  }
  const out: Record<string, EpochSpread> = {};
  for (const [model, { epochs, units }] of byModel) {
    if (epochs >= 2) out[model] = spreadOfUnits(epochs, units.values());
  }
  return out;
}

/**
 * One model's {@link EpochSpread} from its item × round units (in the order they are listed),
 * each with its scores by epoch (index `epoch − 1`; null or missing: that epoch not scored).
 */
export function spreadOfUnits(
  epochs: number,
  units: Iterable<{ itemId: string; round: 1 | 2; scores: readonly (number | null | undefined)[] }>,
): EpochSpread {
  let counted = 0;
  let differing = 0;
  let sdSum = 0;
  const items: EpochSpread['items'] = [];
  for (const unit of units) {
    const scores = Array.from({ length: epochs }, (_, e) => unit.scores[e] ?? null);
    const scored = scores.filter((s): s is number => s !== null);
    if (scored.length < 2) continue;
    counted++;
    sdSum += sampleSd(scored);
    if (scored.some((s) => s !== scored[0])) {
      differing++;
      items.push({ itemId: unit.itemId, round: unit.round, scores });
    }
  }
  return {
    epochs,
    units: counted,
    differing,
    differingShare: counted > 0 ? differing / counted : null,
    meanSd: counted > 0 ? sdSum / counted : null,
    items,
  };
}
