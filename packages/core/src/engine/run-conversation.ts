import { Interrupted } from './answer-state.js';
import { askRound } from './ask-round.js';
import { notAskedRow, type RowPlace, type StopReason } from './build-row.js';
import { historyReply, messagesOf, systemPromptOf, type ConversationSoFar } from './conversation.js';
import type { EngineContext } from './engine-context.js';
import { finishTurn } from './finish-turn.js';
import type { ModelLane } from './lane.js';
import type { TurnSource } from './turn-source.js';
import type { AnswerRow, EngineItem, PreparedTarget } from './types.js';

/** One conversation to run: a target, an item, an epoch, and where its later turns come from. */
export interface ConversationAsk {
  target: PreparedTarget;
  lane: ModelLane;
  item: EngineItem;
  epoch: number;
  source: TurnSource;
}

/**
 * Runs one conversation turn by turn: asks turn k with the whole history, judges it while turn
 * k + 1 is written and asked, and stops early — recording every later turn as not asked — after a
 * block (policy `skip`), a failed turn, or an attacker outcome. Each row is passed to `onRow` as
 * it is finished; the rows are returned in turn order. Interrupted work records nothing.
 */
export async function runConversation(
  ctx: EngineContext,
  ask: ConversationAsk,
  onRow: (row: AnswerRow) => void,
): Promise<AnswerRow[]> {
  const { target, lane, item, epoch, source } = ask;
  const turns = source.turnsOf(item);
  const mode = source.mode === 'adaptive' ? ({ mode: 'adaptive' } as const) : {};
  const system = systemPromptOf(target, item);
  const conversation: ConversationSoFar = {
    ...(system !== undefined ? { system } : {}),
    turns: [item.turns[0]!],
    replies: [],
  };
  const rows: AnswerRow[] = [];
  const record = (row: AnswerRow) => {
    rows.push(row);
    onRow(row);
  };
  const stopFrom = (from: number, reason: StopReason) => {
    for (let j = from; j <= turns; j++) record(notAskedRow({ target, item, round: j, epoch, ...mode }, reason));
  };
  const judging: Promise<void>[] = [];
  let place: RowPlace = { target, item, round: 1, epoch, ...mode };
  for (let k = 1; ; k++) {
    const state = await askRound(ctx, { target, lane, item, round: k, epoch, messages: messagesOf(conversation) });
    if (state.kind === 'interrupted') break;
    // Judging turn k overlaps with writing and asking turn k + 1.
    const seen: ConversationSoFar = {
      ...conversation,
      turns: [...conversation.turns],
      replies: [...conversation.replies],
    };
    judging.push(finishTurn(ctx, place, state, seen).then(record));
    if (k >= turns) break;
    const reply = historyReply(state, ctx.policies);
    if (reply === 'skip') {
      stopFrom(k + 1, {
        kind: 'after-block',
        after: k,
        stage: (state as Extract<typeof state, { kind: 'blocked' }>).result.stage,
      });
      break;
    }
    if (reply === 'failed' || state.kind === 'error') {
      stopFrom(k + 1, { kind: 'after-failure', after: k });
      break;
    }
    conversation.replies.push(reply);
    const next = await source.next({
      target,
      item,
      epoch,
      k: k + 1,
      conversation,
      previous: { key: state.key, text: reply },
    });
    if (next.kind === 'interrupted') break;
    if (next.kind === 'stop') {
      stopFrom(k + 1, { kind: 'attacker', after: k, followup: next.followup });
      break;
    }
    conversation.turns.push(next.text);
    place = {
      target,
      item,
      round: k + 1,
      epoch,
      ...mode,
      previousReply: reply,
      ...(next.followup ? { followup: next.followup } : {}),
    };
  }
  // Every judging step settles before the conversation counts as done; interrupted ones record nothing.
  for (const settled of await Promise.allSettled(judging)) {
    if (settled.status === 'rejected' && !(settled.reason instanceof Interrupted)) throw settled.reason;
  }
  return rows.sort((a, b) => a.round - b.round);
}
