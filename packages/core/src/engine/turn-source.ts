import type { ConversationSoFar } from './conversation.js';
import { ROUNDS_ASKED } from './rounds.js';
import type { EngineItem, PreparedTarget, TurnFollowup } from './types.js';

/** What a turn source is given to write turn `k` (≥ 2) of one conversation. */
export interface TurnContext {
  target: PreparedTarget;
  item: EngineItem;
  epoch: number;
  /** The turn to write. */
  k: number;
  /** Turns 1..k−1 and the replies to them as the target's history carries them. */
  conversation: Readonly<ConversationSoFar>;
  /** The answer turn k follows: its content address and the text its history carries. */
  previous: { key: string; text: string };
}

/** The next user turn, or why there is none. */
export type NextTurn =
  /** Ask `text` as turn k (`followup` records who wrote it, in adaptive runs). */
  | { kind: 'turn'; text: string; followup?: TurnFollowup }
  /** No usable turn: turn k and every later one are recorded `not_asked` with `followup.outcome`. */
  | { kind: 'stop'; followup: TurnFollowup }
  /** Stopped by the run's signal (or a failed attacker call): nothing is recorded; a re-run asks again. */
  | { kind: 'interrupted' };

/**
 * Where each next user turn comes from. Turn 1 is always the item's question; the source writes
 * turns 2..`turnsOf(item)`.
 */
export interface TurnSource {
  mode: 'frozen' | 'adaptive';
  /** How many turns of `item` are asked. */
  turnsOf(item: EngineItem): number;
  next(context: TurnContext): Promise<NextTurn>;
}

/**
 * The frozen source: the item's own turns, the first {@link ROUNDS_ASKED} of them (a single-turn
 * item asks one). Every model is asked the same conversation: comparable scores.
 */
export const frozenTurnSource: TurnSource = {
  mode: 'frozen',
  turnsOf: (item) => Math.min(item.turns.length, ROUNDS_ASKED),
  next: ({ item, k }) => Promise.resolve({ kind: 'turn', text: item.turns[k - 1]! }),
};
