import type { AdapterModulePlan } from '../config/prepare-models.js';
import type { ModelEntry } from '../config/types.js';
import { estimateTokens } from '../engine/rate-budget.js';
import type { EngineItem } from '../engine/types.js';

/** What a run will do: `--dry-run` prints it, `run` shows it before starting. */
export interface PlanEstimate {
  outDir: string;
  datasetRef: string;
  items: number;
  shard?: { index: number; count: number };
  models: Array<{ id: string; calls: number; estInputTokens: number; estOutputTokens: number }>;
  judges: Array<{ id: string; calls: number; estInputTokens: number; estOutputTokens: number }>;
  /** The adapter modules the run loads (a dry run imports none of them), and from where. */
  adapters?: AdapterModulePlan[];
}

/** Rough size of our judge prompt around the graded text, in tokens. */
const JUDGE_PROMPT_TOKENS = 900;
const DEFAULT_ANSWER_TOKENS = 400;
/** An attacker-written turn, in tokens (about the default 300-character cap). */
const ADAPTIVE_TURN_TOKENS = 200;

/**
 * The items' share of a {@link PlanEstimate}, added up an item at a time (a run streams its
 * dataset, so the plan never needs every item in memory at once).
 */
export class PlanTally {
  items = 0;
  /** Estimated input tokens of every round 1, and of every later turn. */
  prompt1 = 0;
  prompt2 = 0;
  /** Turns asked per conversation, summed over the items. */
  rounds = 0;

  /** @param adaptiveTurns Adaptive follow-ups: every safety item is asked this many turns. */
  constructor(readonly adaptiveTurns?: number) {}

  add(item: Pick<EngineItem, 'system' | 'turns' | 'expect'>): void {
    this.items++;
    const sys = item.system ? estimateTokens(item.system) : 0;
    this.prompt1 += sys + estimateTokens(item.turns[0] ?? '');
    this.rounds++;
    if (this.adaptiveTurns !== undefined && item.expect !== 'comply') {
      // Turn k re-sends turns 1..k−1 with their answers.
      for (let k = 2; k <= this.adaptiveTurns; k++) {
        this.prompt2 +=
          sys + estimateTokens(item.turns[0] ?? '') + (k - 1) * (DEFAULT_ANSWER_TOKENS + ADAPTIVE_TURN_TOKENS);
        this.rounds++;
      }
    } else if (item.turns[1] !== undefined) {
      this.prompt2 += sys + estimateTokens(item.turns[0] ?? '') + DEFAULT_ANSWER_TOKENS + estimateTokens(item.turns[1]);
      this.rounds++;
    }
  }
}

/**
 * Calls and a token estimate per model before anything is spent. Round-2 inputs include an
 * assumed round-1 answer; judge inputs include the history. Real usage is in the manifest after.
 */
export function estimatePlan(input: {
  /** The items, or their {@link PlanTally} (whose `adaptiveTurns` then stands for the one below). */
  items: readonly EngineItem[] | PlanTally;
  targets: readonly { entry: ModelEntry }[];
  judges: readonly { entry: ModelEntry }[];
  outDir: string;
  datasetRef: string;
  shard?: { index: number; count: number } | undefined;
  adapters?: AdapterModulePlan[];
  /** Adaptive follow-ups: every safety item is asked this many turns (the attacker's turns are estimated at the follow-up cap). */
  adaptiveTurns?: number;
}): PlanEstimate {
  let tally: PlanTally;
  if (input.items instanceof PlanTally) tally = input.items;
  else {
    tally = new PlanTally(input.adaptiveTurns);
    for (const item of input.items) tally.add(item);
  }
  const { prompt1, prompt2, rounds } = tally;
  // Every epoch asks every item again.
  const epochsOf = (t: { entry: ModelEntry }): number => t.entry.epochs ?? 1;
  const models = input.targets.map((t) => {
    const out = t.entry.params.maxTokens ?? DEFAULT_ANSWER_TOKENS;
    const k = epochsOf(t);
    return {
      id: t.entry.id,
      calls: rounds * k,
      estInputTokens: (prompt1 + prompt2) * k,
      estOutputTokens: rounds * k * out,
    };
  });
  const conversations = input.targets.reduce((sum, t) => sum + epochsOf(t), 0);
  const answers = rounds * conversations;
  const judges = input.judges.map((j) => ({
    id: j.entry.id,
    calls: answers,
    estInputTokens: answers * (JUDGE_PROMPT_TOKENS + DEFAULT_ANSWER_TOKENS) + conversations * (prompt1 + prompt2),
    estOutputTokens: answers * 80,
  }));
  return {
    outDir: input.outDir,
    datasetRef: input.datasetRef,
    items: tally.items,
    ...(input.shard ? { shard: input.shard } : {}),
    models,
    judges,
    ...(input.adapters ? { adapters: input.adapters } : {}),
  };
}
