import { RunStore } from '../../../packages/core/src/index.js';
import { isChat, judgeAskOf, turnOfRequest } from './script.js';
import type { RecordedRequest } from './workspace.js';

/**
 * The identity of a call as the benchmark sees it, independent of judge nonces: an answer call is
 * `answer|model|item|round`, a judge call `judge|judgeId|model|item|round` (+ `|repair` for the
 * repair turn, which belongs to the same stored judgment).
 */
export function answerIdentity(model: string, itemId: string, round: number): string {
  return `answer|${model}|${itemId}|${round}`;
}

export function judgmentIdentity(judgeId: string, model: string, itemId: string, round: number): string {
  return `judge|${judgeId}|${model}|${itemId}|${round}`;
}

/** The identity of a recorded chat request at a model server (`model`) or a judge server (`judgeId`). */
export function requestIdentity(request: RecordedRequest, who: { model: string } | { judgeId: string }): string {
  if ('model' in who) {
    const { itemId, round } = turnOfRequest(request);
    return answerIdentity(who.model, itemId, round);
  }
  const ask = judgeAskOf(request);
  if (!ask) throw new Error(`not a judge request: ${request.rawBody.slice(0, 200)}`);
  const model = /模型(\w+)对/.exec(ask.answer)?.[1];
  const itemId = /【([^】]+)】/.exec(ask.question)?.[1];
  if (!model || !itemId) throw new Error(`judge request for an unscripted answer: ${ask.answer.slice(0, 100)}`);
  return judgmentIdentity(who.judgeId, model, itemId, ask.round) + (ask.isRepair ? '|repair' : '');
}

/** Strips the repair suffix: a repair call is covered by its judgment's commit. */
export const committedForm = (identity: string) => identity.replace(/\|repair$/, '');

/** Every answer and judgment committed in a run directory's store, as identities. */
export function committedIdentities(runDir: string): Set<string> {
  const store = RunStore.open(runDir);
  try {
    const out = new Set<string>();
    const byKey = new Map<string, { model: string; itemId: string; round: number }>();
    for (const a of store.iterateAnswers()) {
      byKey.set(a.key, { model: a.modelId, itemId: a.itemId, round: a.round });
      out.add(answerIdentity(a.modelId, a.itemId, a.round));
    }
    for (const j of store.iterateJudgments()) {
      const a = byKey.get(j.answerKey);
      if (!a) throw new Error(`judgment ${j.key} of an answer not in the store`);
      out.add(judgmentIdentity(j.judgeId, a.model, a.itemId, a.round));
    }
    return out;
  } finally {
    store.close();
  }
}

export const isChatRequest = isChat;
