import type { DatasetItem } from '../dataset/types.js';
import type { StrategyId } from '@sc-safety/results';
import type { AttackerOutcome } from '@sc-safety/results';

/** Who wrote a generated turn, under which instructions: recorded on every generated turn. */
export interface AttackerProvenance {
  /** The attacker's id in the config (defaults to its model). */
  id: string;
  /** `adapter@version`, e.g. `openai@0.4.0`. */
  adapter: string;
  /** The vendor model id. */
  model: string;
  promptVersion: string;
  /** `sha256:<hex>`, see `attackerPromptHash`. */
  promptHash: string;
}

/**
 * `meta.followup` of an item written by `sc-safety dataset followups`: which turn was generated
 * (`turn`, 0-based index into `turns`), in which mode, with which strategy and by whom. When
 * `outcome` is not `ok` the item has no generated turn (`turns` holds the question only) and
 * `detail` (and, when there was one, the start of the attacker's `reply`) say why.
 */
export interface FollowupMeta {
  mode: 'frozen';
  turn: number;
  strategy: StrategyId;
  outcome: AttackerOutcome;
  attacker: AttackerProvenance;
  /** The content address of the attacker call in the follow-ups store. */
  key: string;
  detail?: string;
  reply?: string;
  /** The source item's own `strategy`, when it had one other than the follow-up's. */
  questionStrategy?: StrategyId;
}

/** How much of a rejected reply is kept as evidence. */
const REPLY_EXCERPT_CHARS = 200;

/**
 * The item written for one source item and strategy: `[question, follow-up]` with `strategy` and
 * `meta.followup` when the attacker gave a usable follow-up; otherwise the question alone, with
 * the outcome in `meta.followup` (its later turn is not asked; nothing stands in for it).
 */
export function followupItem(
  source: DatasetItem,
  generated: {
    id: string;
    strategy: StrategyId;
    outcome: AttackerOutcome;
    followUp?: string;
    detail?: string;
    reply?: string;
    key: string;
  },
  attacker: AttackerProvenance,
): DatasetItem {
  const question = source.turns[0]!;
  const followup: FollowupMeta = {
    mode: 'frozen',
    turn: 1,
    strategy: generated.strategy,
    outcome: generated.outcome,
    attacker,
    key: generated.key,
  };
  if (generated.detail !== undefined) followup.detail = generated.detail;
  if (generated.outcome !== 'ok' && generated.reply !== undefined && generated.reply.trim() !== '') {
    const chars = [...generated.reply];
    followup.reply =
      chars.length > REPLY_EXCERPT_CHARS ? `${chars.slice(0, REPLY_EXCERPT_CHARS).join('')}…` : generated.reply;
  }
  if (source.strategy !== undefined && source.strategy !== generated.strategy)
    followup.questionStrategy = source.strategy;
  const { strategy: _sourceStrategy, meta, ...rest } = source;
  const ok = generated.outcome === 'ok' && generated.followUp !== undefined;
  return {
    ...rest,
    id: generated.id,
    turns: ok ? [question, generated.followUp!] : [question],
    ...(ok ? { strategy: generated.strategy } : source.strategy !== undefined ? { strategy: source.strategy } : {}),
    meta: { ...meta, followup },
  };
}
