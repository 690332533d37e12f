import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AdapterError } from '@sc-safety/spec';
import type { EngineContext } from './engine-context.js';
import type { EngineEvent } from './engine-event.js';
import type { EngineStore } from './engine-store.js';
import type { JudgeProtocol, PanelAggregator } from './judge-protocol.js';
import type { JudgeProtocols } from './contrast-items.js';
import { epochUnit } from './epochs.js';
import { GroupCommit } from './group-commit.js';
import type { ItemSource } from './item-spool.js';
import { ModelLane } from './lane.js';
import { Semaphore } from './semaphore.js';
import { TurnBudget } from './turn-budget.js';
import { DEFAULT_POLICIES } from './policies.js';
import type { EnginePolicies } from './policies.js';
import { runConversation } from './run-conversation.js';
import { frozenTurnSource, type TurnSource } from './turn-source.js';
import type { AnswerRow, PreparedJudge, PreparedTarget } from './types.js';

export type { EngineEvent } from './engine-event.js';

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
  /**
   * Where turns 2.. come from (default {@link frozenTurnSource}: the items' own turns). An adaptive
   * run passes a source that asks an attacker model (followups/adaptive-turn-source.ts).
   */
  turnSource?: TurnSource;
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
   * rows from the `row` events instead (e.g. into an `AnswerSpool`), so they need not all be
   * held in memory until the end.
   */
  keepRows?: boolean;
  /**
   * At most this many calls in flight at once across every lane (targets and judges), on top of
   * each lane's own concurrency. Waiting calls take a free slot in `callPriority` order, so the
   * slots stay full while conversations start and finish. Default: no run-wide cap.
   */
  maxInFlight?: number;
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

/**
 * Runs every target over every item: each conversation turn by turn (run-conversation.ts), turn 1
 * the item's question, later turns from the turn source, each sent with the model's own earlier
 * answers; every answer is judged by every judge of the panel with its full history. Each
 * completed call is committed to the store before it counts, under a content address, so a re-run
 * repeats nothing that completed.
 */
export async function runEngine(options: RunEngineOptions): Promise<RunEngineResult> {
  const now = options.now ?? (() => new Date());
  const redact = options.redact ?? ((s: string) => s);
  const startedAt = now().toISOString();
  const emit = options.onEvent ?? (() => {});
  const onRetry = (lane: string) => (info: { attempt: number; delayMs: number; error: AdapterError }) =>
    emit({ type: 'retry', lane, attempt: info.attempt, delayMs: info.delayMs, errorKind: info.error.kind });
  const max = options.maxInFlight;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1))
    throw new RangeError(`runEngine: maxInFlight must be a positive integer, got ${String(max)}`);
  const runSlots = max === undefined ? undefined : new Semaphore(max);
  const targetLanes = new Map(
    options.targets.map((t) => [t.id, new ModelLane(t.id, t.model, t.limits, onRetry(t.id), runSlots)]),
  );
  const judgeLanes = new Map(
    options.judges.map((j) => [j.id, new ModelLane(j.id, j.model, j.limits, onRetry(`judge:${j.id}`), runSlots)]),
  );
  const allLanes = [...targetLanes.values(), ...judgeLanes.values()];
  const protocols: JudgeProtocols = {
    safety: options.judgeProtocol,
    ...(options.contrastProtocol ? { contrast: options.contrastProtocol } : {}),
  };
  const stoppedReported = new Set<string>();
  // Calls waiting for a slot keep every slot busy: a commit may then wait for more writes. A slot
  // left free sends a held batch at once.
  const commits = new GroupCommit(options.store, {
    busy: runSlots ? () => runSlots.waiting > 0 : () => allLanes.every((lane) => lane.semaphore.waiting > 0),
  });
  for (const semaphore of runSlots ? [runSlots] : allLanes.map((lane) => lane.semaphore))
    semaphore.onIdle = () => commits.sendHeld();
  const ctx: EngineContext = {
    store: options.store,
    commits,
    policies: { ...DEFAULT_POLICIES, ...options.policies },
    judges: options.judges,
    judgeLanes,
    protocols,
    aggregate: options.aggregate,
    replay: options.replay === true,
    ...(options.signal ? { signal: options.signal } : {}),
    now,
    redact,
    emit,
    reportStop: (lane, label) => {
      if (lane.stopped && !stoppedReported.has(label)) {
        stoppedReported.add(label);
        emit({ type: 'lane-stopped', lane: label, reason: lane.stopped.kind, message: redact(lane.stopped.message) });
      }
    },
  };
  const source = options.turnSource ?? frozenTurnSource;
  const keepRows = options.keepRows !== false;
  const epochsOf = (t: PreparedTarget): number => t.epochs ?? 1;
  const rowsByTarget = new Map<string, AnswerRow[][]>(
    options.targets.map((t) => [t.id, keepRows ? new Array(options.items.length * epochsOf(t)) : []]),
  );

  async function runTarget(target: PreparedTarget): Promise<void> {
    const lane = targetLanes.get(target.id)!;
    let next = 0;
    // Enough conversations in flight that both lanes stay full while they wait on the other lane
    // (a conversation alternates target and judge calls), bounded so memory stays flat.
    const epochs = epochsOf(target);
    const units = options.items.length * epochs;
    const slots = Math.min(target.limits.concurrency, options.maxInFlight ?? Number.POSITIVE_INFINITY);
    const workers = Math.max(1, Math.min(units, slots * 2 + 2));
    // A resume replays stored items without waiting on I/O: give timers and Ctrl-C their turns.
    const turns = new TurnBudget();
    const worker = async () => {
      for (;;) {
        if (options.signal?.aborted) return;
        const u = next++;
        if (u >= units) return;
        const { index, epoch } = epochUnit(u, epochs);
        const item = options.items.at(index)!;
        const rows = await runConversation(ctx, { target, lane, item, epoch, source }, (row) =>
          emit({ type: 'row', row, item }),
        );
        if (keepRows) rowsByTarget.get(target.id)![index * epochs + epoch - 1] = rows;
        await turns.pause();
      }
    };
    // The workers that fill the slots start first; the others, which would only wait for a slot,
    // start once the first requests are out. Each worker keys and looks up its first call before
    // it yields, so starting all together held every first request back by the others' work.
    const first = Math.min(workers, slots);
    const filling = Promise.all(Array.from({ length: first }, worker));
    const waiting = nextTurn().then(() => Promise.all(Array.from({ length: workers - first }, worker)));
    await Promise.all([filling, waiting]);
  }

  await Promise.all(options.targets.map((t) => runTarget(t)));
  for (const t of options.targets) ctx.reportStop(targetLanes.get(t.id)!, t.id);

  const rows: AnswerRow[] = [];
  for (const t of options.targets) for (const r of rowsByTarget.get(t.id)!) if (r) rows.push(...r);
  const report = (lanes: Map<string, ModelLane>): LaneReport[] =>
    [...lanes.values()].map((l) => ({
      id: l.id,
      retries: l.retries,
      ...(l.stopped ? { stopped: { kind: l.stopped.kind, message: redact(l.stopped.message) } } : {}),
    }));
  return {
    rows,
    interrupted: options.signal?.aborted ?? false,
    lanes: { targets: report(targetLanes), judges: report(judgeLanes) },
    startedAt,
    finishedAt: now().toISOString(),
  };
}
