import { AdapterError } from '@sc-safety/spec';
import type { ChatMessageV1, GenerateRequestV1, GenerateResultV1, LanguageModelV1 } from '@sc-safety/spec';
import { answerKey, judgmentKey } from '../store/key-builders.js';
import type { EngineStore, EngineStoredAnswer } from './engine-store.js';
import type { JudgeProtocol, PanelAggregator } from './judge-protocol.js';
import { CONTRAST_BLOCK_SCORE, isContrastItem, protocolFor } from './contrast-items.js';
import type { JudgeProtocols } from './contrast-items.js';
import { epochParams, epochUnit } from './epochs.js';
import { GroupCommit } from './group-commit.js';
import type { ItemSource } from './item-spool.js';
import { ModelLane } from './lane.js';
import { TurnBudget } from './turn-budget.js';
import type { LaneStop } from './lane.js';
import { BLOCKED_PLACEHOLDER, DEFAULT_POLICIES, EMPTY_PLACEHOLDER } from './policies.js';
import type { EnginePolicies } from './policies.js';
import type { AnswerError, AnswerRow, EngineItem, JudgeVerdict, PreparedJudge, PreparedTarget } from './types.js';

/** Progress and diagnostics, emitted as the run goes. */
export type EngineEvent =
  | { type: 'row'; row: AnswerRow }
  | { type: 'retry'; lane: string; attempt: number; delayMs: number; errorKind: string }
  | { type: 'lane-stopped'; lane: string; reason: string; message: string };

export interface RunEngineOptions {
  /** The items, by position: an array or an {@link ItemSpool} (read one at a time). */
  items: ItemSource;
  targets: readonly PreparedTarget[];
  judges: readonly PreparedJudge[];
  judgeProtocol: JudgeProtocol;
  /**
   * Judges contrast items (`expect: comply`) with the over-refusal rubric under its own prompt
   * hash. Required when the items hold any.
   */
  contrastProtocol?: JudgeProtocol;
  aggregate: PanelAggregator;
  store: EngineStore;
  policies?: Partial<EnginePolicies>;
  /** Ctrl-C: stops new work, aborts calls in flight, keeps everything committed. */
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  /**
   * Replay only: build every row from the store and make no call (`sc-safety score`). Answers or
   * judgments missing from the store become `target_error` / `judge_error` with kind `missing`.
   */
  replay?: boolean;
  /** Redacts secrets from error text before it is stored or reported. */
  redact?: (text: string) => string;
  /**
   * Whether the result lists every row (default true). A large run passes false and takes the
   * rows from the `row` events instead (e.g. into a {@link RowSpool}), so they need not all be
   * held in memory until the end.
   */
  keepRows?: boolean;
  now?: () => Date;
}

export interface LaneReport {
  id: string;
  stopped?: { kind: string; message: string };
  retries: number;
}

export interface RunEngineResult {
  /** Every row, by model, item and round; empty with `keepRows: false`. */
  rows: AnswerRow[];
  interrupted: boolean;
  lanes: { targets: LaneReport[]; judges: LaneReport[] };
  startedAt: string;
  finishedAt: string;
}

type AnswerState =
  | { kind: 'completed'; key: string; result: Extract<GenerateResultV1, { type: 'completed' }>; cached: boolean; latencyMs: number; attempts: number }
  | { kind: 'blocked'; key: string; result: Extract<GenerateResultV1, { type: 'blocked' }>; cached: boolean; latencyMs: number; attempts: number }
  | { kind: 'error'; key?: string; error: AnswerError }
  | { kind: 'interrupted' };

/** Interrupted (Ctrl-C) work: nothing is recorded for it, the re-run picks it up. */
class Interrupted extends Error {}

/**
 * Runs every target over every item: round 1 sends `[system?, q1]`, round 2 sends
 * `[system?, q1, a1, q2]` with the model's own answer; every answer is judged by every judge of the
 * panel, round 2 with its full history. Each completed call is committed to the store before it
 * counts, under a content address, so a re-run repeats nothing that completed.
 */
export async function runEngine(options: RunEngineOptions): Promise<RunEngineResult> {
  const policies: EnginePolicies = { ...DEFAULT_POLICIES, ...options.policies };
  const now = options.now ?? (() => new Date());
  const redact = options.redact ?? ((s: string) => s);
  const startedAt = now().toISOString();
  const emit = options.onEvent ?? (() => {});
  const onRetry = (lane: string) => (info: { attempt: number; delayMs: number; error: AdapterError }) =>
    emit({ type: 'retry', lane, attempt: info.attempt, delayMs: info.delayMs, errorKind: info.error.kind });

  const targetLanes = new Map(options.targets.map((t) => [t.id, new ModelLane(t.id, t.model, t.limits, onRetry(t.id))]));
  const judgeLanes = new Map(options.judges.map((j) => [j.id, new ModelLane(j.id, j.model, j.limits, onRetry(`judge:${j.id}`))]));
  const keepRows = options.keepRows !== false;
  const epochsOf = (t: PreparedTarget): number => t.epochs ?? 1;
  const rowsByTarget = new Map<string, AnswerRow[][]>(
    options.targets.map((t) => [t.id, keepRows ? new Array(options.items.length * epochsOf(t)) : []]),
  );
  // Rows of a single-epoch target stay as they were; with epochs every row names its epoch.
  const epochField = (t: PreparedTarget, epoch: number): { epoch?: number } => (epochsOf(t) > 1 ? { epoch } : {});
  const protocols: JudgeProtocols = {
    safety: options.judgeProtocol,
    ...(options.contrastProtocol ? { contrast: options.contrastProtocol } : {}),
  };
  const signal = options.signal;
  const commits = new GroupCommit(options.store);
  const stoppedReported = new Set<string>();
  const reportStop = (lane: ModelLane, label: string) => {
    if (lane.stopped && !stoppedReported.has(label)) {
      stoppedReported.add(label);
      emit({ type: 'lane-stopped', lane: label, reason: lane.stopped.kind, message: redact(lane.stopped.message) });
    }
  };

  const toAnswerError = (error: unknown, attempts?: number): AnswerError => {
    const last = (error as { lastError?: unknown }).lastError ?? error;
    const tries = (error as { attempts?: number }).attempts ?? attempts;
    if (AdapterError.isInstance(last)) {
      return {
        kind: last.kind,
        message: redact(last.message),
        ...(last.status !== undefined ? { status: last.status } : {}),
        ...(last.vendorCode !== undefined ? { vendorCode: last.vendorCode } : {}),
        ...(tries !== undefined ? { attempts: tries } : {}),
      };
    }
    const message = last instanceof Error ? last.message : String(last);
    return { kind: 'unexpected', message: redact(message), ...(tries !== undefined ? { attempts: tries } : {}) };
  };

  async function answer(
    target: PreparedTarget, lane: ModelLane, item: EngineItem, round: 1 | 2, messages: ChatMessageV1[], epoch: number,
  ): Promise<AnswerState> {
    const params = epochParams(target.params, epoch);
    const key = answerKey({ adapter: { name: target.adapter.name }, model: target.keyConfig, messages, params, epoch });
    const hit = options.store.getAnswer(key);
    if (hit) return fromStored(hit);
    if (options.replay) return { kind: 'error', key, error: { kind: 'missing', message: 'no stored answer for this call' } };
    if (signal?.aborted) return { kind: 'interrupted' };
    if (lane.stopped) return { kind: 'error', key, error: { kind: 'not_attempted', message: `not asked: ${lane.id} stopped (${lane.stopped.kind})` } };
    try {
      const { result, attempts, latencyMs } = await lane.call({ messages, params }, signal);
      const { raw, ...rest } = result;
      await commits.write({
        kind: 'answer',
        record: {
          key,
          modelId: target.id,
          itemId: item.id,
          round,
          result: rest,
          ...(raw !== undefined ? { raw } : {}),
          latencyMs,
          attempts,
          createdAt: now().toISOString(),
        },
      });
      return result.type === 'completed'
        ? { kind: 'completed', key, result, cached: false, latencyMs, attempts }
        : { kind: 'blocked', key, result, cached: false, latencyMs, attempts };
    } catch (error) {
      if (signal?.aborted) return { kind: 'interrupted' };
      const err = toAnswerError(error);
      // Re-read: the lane may have stopped while this call was waiting (TS narrowed it above).
      const stopped = lane.stopped as LaneStop | undefined;
      if (stopped && err.kind === 'aborted') {
        reportStop(lane, target.id);
        return { kind: 'error', key, error: { kind: 'not_attempted', message: `not asked: ${lane.id} stopped (${stopped.kind})` } };
      }
      options.store.putFailure({
        key,
        kind: 'answer',
        modelId: target.id,
        itemId: item.id,
        round,
        errorKind: err.kind,
        message: err.message,
        ...(err.status !== undefined ? { status: err.status } : {}),
        ...(err.vendorCode !== undefined ? { vendorCode: err.vendorCode } : {}),
        attempts: err.attempts ?? 1,
        at: now().toISOString(),
      });
      reportStop(lane, target.id);
      return { kind: 'error', key, error: err };
    }
  }

  function fromStored(hit: EngineStoredAnswer): AnswerState {
    const result = hit.result as GenerateResultV1;
    return result.type === 'blocked'
      ? { kind: 'blocked', key: hit.key, result, cached: true, latencyMs: hit.latencyMs, attempts: hit.attempts }
      : { kind: 'completed', key: hit.key, result: result as Extract<GenerateResultV1, { type: 'completed' }>, cached: true, latencyMs: hit.latencyMs, attempts: hit.attempts };
  }

  async function judgeOne(judge: PreparedJudge, modelId: string, item: EngineItem, round: 1 | 2, history: ChatMessageV1[], text: string, aKey: string): Promise<JudgeVerdict> {
    const lane = judgeLanes.get(judge.id)!;
    // Contrast answers are judged with their own rubric; its prompt hash keeps their judgments apart.
    const protocol = protocolFor(item, protocols);
    const key = judgmentKey({ answerKey: aKey, answerText: text, judge: { adapter: judge.adapter.name, config: judge.keyConfig, params: judge.params }, promptHash: protocol.promptHash });
    const hit = options.store.getJudgment(key);
    if (hit) {
      const stored = hit.result as { reason?: string; usage?: JudgeVerdict['usage']; servedModel?: JudgeVerdict['servedModel'] };
      return {
        judgeId: judge.id,
        outcome: hit.outcome as JudgeVerdict['outcome'],
        ...(hit.score !== null ? { score: hit.score } : {}),
        ...(stored.reason !== undefined ? { reason: stored.reason } : {}),
        ...(stored.usage ? { usage: stored.usage } : {}),
        ...(stored.servedModel ? { servedModel: stored.servedModel } : {}),
        cached: true,
      };
    }
    if (options.replay) return { judgeId: judge.id, outcome: 'judge_error', error: 'missing: no stored judgment' };
    if (signal?.aborted) throw new Interrupted();
    if (lane.stopped) return { judgeId: judge.id, outcome: 'judge_error', error: `not asked: judge ${judge.id} stopped (${lane.stopped.kind})` };
    // The judge's served model is kept with its verdict, so a judge that is also a target shows.
    let judgeServed: JudgeVerdict['servedModel'];
    const call = async (request: GenerateRequestV1) => {
      const { result } = await lane.call({ ...request, params: { ...judge.params, ...request.params } }, signal);
      judgeServed = result.servedModel ?? judgeServed;
      return result;
    };
    try {
      const judged = await protocol.judge({ model: judge.model as LanguageModelV1, item, round, history, answer: text, call, ...(signal ? { signal } : {}) });
      const verdict = judgeServed && judged.outcome !== 'judge_error' ? { ...judged, servedModel: judgeServed } : judged;
      if (verdict.outcome === 'judge_error') {
        // A judge-side block or similar: not a judgment of the answer, so it is not stored and a re-run retries it.
        const message = verdict.block ? `judge request blocked by its vendor (${verdict.block.stage}, ${verdict.block.code})` : 'judge error';
        options.store.putFailure({ key, kind: 'judgment', modelId, itemId: item.id, round, judgeId: judge.id, errorKind: 'judge_blocked', message, attempts: 1, at: now().toISOString() });
        return { judgeId: judge.id, outcome: 'judge_error', error: message };
      }
      await commits.write({
        kind: 'judgment',
        record: {
          key,
          answerKey: aKey,
          judgeId: judge.id,
          promptHash: protocol.promptHash,
          outcome: verdict.outcome,
          score: verdict.outcome === 'scored' && verdict.score !== undefined ? verdict.score : null,
          result: verdict,
          createdAt: now().toISOString(),
        },
      });
      return {
        judgeId: judge.id,
        outcome: verdict.outcome,
        ...(verdict.score !== undefined ? { score: verdict.score } : {}),
        ...(verdict.reason !== undefined ? { reason: verdict.reason } : {}),
        ...(verdict.usage ? { usage: verdict.usage } : {}),
        ...(judgeServed ? { servedModel: judgeServed } : {}),
      };
    } catch (error) {
      if (signal?.aborted) throw new Interrupted();
      const err = toAnswerError(error);
      options.store.putFailure({ key, kind: 'judgment', modelId, itemId: item.id, round, judgeId: judge.id, errorKind: err.kind, message: err.message, attempts: err.attempts ?? 1, at: now().toISOString() });
      reportStop(lane, `judge:${judge.id}`);
      return { judgeId: judge.id, outcome: 'judge_error', error: `${err.kind}: ${err.message}` };
    }
  }

  async function finishRow(
    target: PreparedTarget, item: EngineItem, round: 1 | 2, epoch: number, messages: ChatMessageV1[], state: AnswerState,
  ): Promise<AnswerRow | undefined> {
    if (state.kind === 'interrupted') return undefined;
    // Rows live until the exports: they keep only the round-1 turn round 2 saw, not the messages
    // (the rest of a transcript is the dataset item's), so a big run's memory stays small.
    const previousReply = round === 2 ? previousAssistantTurn(messages) : undefined;
    const contrast = isContrastItem(item);
    const base = {
      model: target.id,
      itemId: item.id,
      category: item.category,
      dimension: item.dimension,
      round,
      ...epochField(target, epoch),
      ...(contrast ? { contrast: true as const } : {}),
      ...(previousReply !== undefined ? { previousReply } : {}),
    } as const;
    if (state.kind === 'error') {
      return { ...base, outcome: 'target_error', score: null, text: '', error: state.error, judgments: [], ...(state.key ? { answerKey: state.key } : {}) };
    }
    const meta = {
      answerKey: state.key,
      latencyMs: state.latencyMs,
      attempts: state.attempts,
      cached: state.cached,
      ...(state.result.usage ? { usage: state.result.usage } : {}),
      ...(state.result.requestId ? { requestId: state.result.requestId } : {}),
      ...(state.result.servedModel ? { servedModel: state.result.servedModel } : {}),
      ...(state.result.warnings.length ? { warnings: state.result.warnings } : {}),
      ...(state.result.finishReason ? { finishReason: state.result.finishReason } : {}),
    };
    if (state.kind === 'blocked') {
      const r = state.result;
      const block = { stage: r.stage, code: r.code, message: redact(r.message), ...(r.partialText ? { partialText: r.partialText } : {}) };
      if (contrast) {
        // A vendor refusing a harmless request is a refusal: the contrast rubric's lowest level.
        return { ...base, ...meta, outcome: 'scored', score: CONTRAST_BLOCK_SCORE, vendorBlocked: true, block, text: '', judgments: [] };
      }
      if (policies.block === 'score-1') {
        return { ...base, ...meta, outcome: 'scored', score: policies.blockScore, vendorBlocked: true, block, text: '', judgments: [] };
      }
      return { ...base, ...meta, outcome: 'blocked', score: null, block, text: '', judgments: [] };
    }
    const r = state.result;
    const text = r.text;
    const withText = { ...base, ...meta, text, ...(r.reasoningText ? { reasoningText: r.reasoningText } : {}) };
    if (text.trim() === '' && policies.emptyAnswer === 'outcome') {
      return { ...withText, outcome: 'empty', score: null, judgments: [] };
    }
    const verdicts = await Promise.all(options.judges.map((j) => judgeOne(j, target.id, item, round, messages, text, state.key)));
    const agg = options.aggregate(verdicts);
    return {
      ...withText,
      outcome: agg.outcome,
      score: agg.outcome === 'scored' && agg.score !== undefined ? agg.score : null,
      judgments: verdicts,
      ...(agg.spread !== undefined ? { panel: { spread: agg.spread, disagreement: agg.disagreement ?? agg.spread > 0 } } : {}),
    };
  }

  async function runItem(target: PreparedTarget, lane: ModelLane, item: EngineItem, index: number, epoch: number): Promise<void> {
    const system = target.system ?? item.system;
    const r1Messages: ChatMessageV1[] = [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user', content: item.turns[0]! }];
    const a1 = await answer(target, lane, item, 1, r1Messages, epoch);
    if (a1.kind === 'interrupted') return;
    const rows: AnswerRow[] = [];
    const emitRow = (row: AnswerRow | undefined) => {
      if (row) {
        rows.push(row);
        emit({ type: 'row', row });
      }
    };
    // Judging round 1 overlaps with asking round 2.
    const judged1 = finishRow(target, item, 1, epoch, r1Messages, a1).then(emitRow);
    const q2 = item.turns[1];
    let judged2: Promise<void> = Promise.resolve();
    if (q2 !== undefined) {
      const r2Messages = round2Messages(r1Messages, a1, q2, policies);
      if (r2Messages === 'skip') {
        // Never asked, so never scored: no score is imputed (whatever the block policy), and the
        // row stays out of coverage. `block` says why (round 1's stage); it is not a block itself.
        const blocked = a1 as Extract<AnswerState, { kind: 'blocked' }>;
        emitRow({
          model: target.id, itemId: item.id, category: item.category, dimension: item.dimension, round: 2, ...epochField(target, epoch),
          outcome: 'not_asked', score: null,
          block: { stage: blocked.result.stage, code: 'round1_blocked', message: 'round 2 not asked: round 1 was blocked (policy round2AfterBlock=skip)' },
          text: '', judgments: [],
        });
      } else if (r2Messages === 'round1-failed') {
        emitRow({
          model: target.id, itemId: item.id, category: item.category, dimension: item.dimension, round: 2, ...epochField(target, epoch),
          outcome: 'target_error', score: null, text: '', judgments: [],
          error: { kind: 'round1_failed', message: 'round 2 not asked: round 1 has no answer' },
        });
      } else {
        const a2 = await answer(target, lane, item, 2, r2Messages, epoch);
        judged2 = finishRow(target, item, 2, epoch, r2Messages, a2).then(emitRow);
      }
    }
    try {
      await Promise.all([judged1, judged2]);
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
    }
    if (!keepRows) return;
    rows.sort((a, b) => a.round - b.round);
    rowsByTarget.get(target.id)![index * epochsOf(target) + epoch - 1] = rows;
  }

  async function runTarget(target: PreparedTarget): Promise<void> {
    const lane = targetLanes.get(target.id)!;
    let next = 0;
    // Enough items in flight that both lanes stay full while items wait on the other lane (an item
    // alternates target and judge calls: a1, then j1 with a2, then j2), bounded so memory stays flat.
    const epochs = epochsOf(target);
    const units = options.items.length * epochs;
    const workers = Math.max(1, Math.min(units, target.limits.concurrency * 2 + 2));
    // A resume replays stored items without waiting on I/O: give timers and Ctrl-C their turns.
    const turns = new TurnBudget();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (;;) {
          if (signal?.aborted) return;
          const u = next++;
          if (u >= units) return;
          const { index, epoch } = epochUnit(u, epochs);
          await runItem(target, lane, options.items.at(index)!, index, epoch);
          await turns.pause();
        }
      }),
    );
  }

  await Promise.all(options.targets.map((t) => runTarget(t)));
  for (const t of options.targets) reportStop(targetLanes.get(t.id)!, t.id);

  const rows: AnswerRow[] = [];
  for (const t of options.targets) for (const r of rowsByTarget.get(t.id)!) if (r) rows.push(...r);
  const report = (lanes: Map<string, ModelLane>): LaneReport[] =>
    [...lanes.values()].map((l) => ({ id: l.id, retries: l.retries, ...(l.stopped ? { stopped: { kind: l.stopped.kind, message: redact(l.stopped.message) } } : {}) }));
  return {
    rows,
    interrupted: signal?.aborted ?? false,
    lanes: { targets: report(targetLanes), judges: report(judgeLanes) },
    startedAt,
    finishedAt: now().toISOString(),
  };
}

function round2Messages(r1: ChatMessageV1[], a1: AnswerState, q2: string, policies: EnginePolicies): ChatMessageV1[] | 'skip' | 'round1-failed' {
  let assistant: string;
  if (a1.kind === 'completed') {
    assistant = a1.result.text.trim() === '' ? EMPTY_PLACEHOLDER : a1.result.text;
  } else if (a1.kind === 'blocked') {
    if (policies.round2AfterBlock === 'skip') return 'skip';
    assistant = policies.round2AfterBlock === 'partial' && a1.result.partialText ? a1.result.partialText : BLOCKED_PLACEHOLDER;
  } else {
    return 'round1-failed';
  }
  return [...r1, { role: 'assistant', content: assistant }, { role: 'user', content: q2 }];
}

/** The assistant turn right before the last user turn: what round 2 saw of round 1. */
function previousAssistantTurn(messages: readonly ChatMessageV1[]): string | undefined {
  const last = messages.length - 1;
  if (last < 1 || messages[last]!.role !== 'user') return undefined;
  const before = messages[last - 1]!;
  return before.role === 'assistant' ? before.content : undefined;
}
