import { existsSync } from 'node:fs';
import path from 'node:path';
import { AdapterError } from '@sc-safety/spec';
import type { ChatMessageV1, GenerateResultV1, LanguageModelV1 } from '@sc-safety/spec';
import { prepareModelEntries, type PreparedModel } from '../config/prepare-models.js';
import { redactSecrets } from '../config/secret-fields.js';
import { loadDataset } from '../dataset/load.js';
import type { DatasetItem } from '../dataset/types.js';
import type { LaneLimits, LaneStop } from '../engine/lane.js';
import { ModelLane } from '../engine/lane.js';
import { estimateTokens } from '../engine/rate-budget.js';
import { createModel, keyConfigOf, laneLimits } from '../run/prepare-run.js';
import { PreflightFailedError, runPreflight } from '../run/preflight.js';
import { answerKey } from '../store/key-builders.js';
import { RunStore } from '../store/run-store.js';
import { STORE_FILE_NAME } from '../store/schema.js';
import type { StrategyId } from '@sc-safety/results';
import type { Taxonomy } from '@sc-safety/results';
import { ATTACKER_OUTCOMES, type AttackerOutcome } from '@sc-safety/results';
import { attackerPromptHash } from './attacker-prompt-hash.js';
import { ATTACKER_PROMPT_VERSION } from './attacker-prompt-template.js';
import { assignStrategies } from './assign-strategies.js';
import { buildAttackerMessages } from './build-attacker-prompt.js';
import { readAttackerResult } from './read-attacker-result.js';
import { loadFollowupsConfig, type FollowupsConfig } from './followups-config.js';
import type { AttackerProvenance } from './followup-item.js';
import { writeFollowupDataset } from './write-followup-dataset.js';

/** The `meta` key of the follow-ups store holding the last invocation's settings. */
export const FOLLOWUPS_PLAN_META_KEY = 'followups-plan';

export interface GenerateFollowupsOptions {
  /** The follow-ups config file (YAML or JSON). */
  configFile: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Only the first n items of the source dataset (the dataset written holds only those). */
  limit?: number;
  /** Regenerate the follow-up of items that already have one (default: keep them). */
  replace?: boolean;
  /** Overrides the attacker's `concurrency`. */
  concurrency?: number;
  /** Print the plan and stop before any call. */
  dryRun?: boolean;
  /**
   * Probe the attacker once before its first call (default true): its `check()`, else one generate
   * capped at one output token. A failed probe throws {@link PreflightFailedError}.
   */
  preflight?: boolean;
  /** Ctrl-C: stops new calls, keeps every stored one, writes no dataset. */
  signal?: AbortSignal;
  onPlan?: (plan: FollowupsPlan) => void;
  onEvent?: (event: FollowupsEvent) => void;
  /** Adapter definitions by reference, tried before anything is looked up on disk. */
  adapters?: Readonly<Record<string, unknown>>;
  adapterSearchDirs?: readonly string[];
  /** Test hook: shorter backoff. */
  laneOverrides?: Partial<LaneLimits>;
  now?: () => Date;
}

/** What an invocation will do: `--dry-run` prints it. */
export interface FollowupsPlan {
  output: string;
  storeDir: string;
  dataset: { ref: string; fingerprint: string; items: number };
  attacker: AttackerProvenance;
  /** Attacker calls this invocation needs (one per item and strategy). */
  calls: number;
  /** Of those, calls already in the store (they are not repeated). */
  stored: number;
  /** Items that already have a follow-up and are kept (see `--replace`). */
  kept: number;
  /** Contrast items (`expect: comply`), single-turn by definition, copied unchanged. */
  comply: number;
  estInputTokens: number;
  estOutputTokens: number;
}

/** Progress as calls finish. */
export type FollowupsEvent =
  | { type: 'followup'; itemId: string; strategy: StrategyId; outcome: AttackerOutcome; cached: boolean }
  | { type: 'retry'; attempt: number; delayMs: number; errorKind: string }
  | { type: 'lane-stopped'; reason: string; message: string };

export interface GenerateFollowupsResult {
  plan: FollowupsPlan;
  /** Absent for a dry run, an interrupted invocation, or when calls failed (nothing is written then). */
  written?: { path: string; fingerprint: string; items: number; twoTurnItems: number };
  /** Attacker outcomes over the calls of this invocation, every outcome listed. */
  outcomes: Record<AttackerOutcome, number>;
  /** Calls made now vs read from the store. */
  calls: { made: number; cached: number };
  interrupted: boolean;
  secrets: string[];
}

/** One attacker call to make (or read back). */
interface Task {
  item: DatasetItem;
  /** The id the generated item gets. */
  id: string;
  strategy: StrategyId;
  messages: ChatMessageV1[];
  key: string;
}

/** What one task ended in. */
export interface TaskResult {
  outcome: AttackerOutcome;
  followUp?: string;
  detail?: string;
  reply?: string;
}

/** A token estimate for one follow-up when `maxTokens` does not bound it: the cap plus the tags. */
const OUTPUT_OVERHEAD_TOKENS = 20;

/**
 * `sc-safety dataset followups`: for every single-turn item of the source dataset, asks the
 * attacker for one follow-up per chosen strategy (written against the question, never an answer),
 * and writes a new dataset (header naming the source's fingerprint, provenance on every generated
 * turn). Attacker calls are content-addressed in a store, so a second invocation makes no call;
 * the dataset is written only when every call has an outcome.
 */
export async function generateFollowups(options: GenerateFollowupsOptions): Promise<GenerateFollowupsResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const { config, secrets } = await loadFollowupsConfig(options.configFile, { cwd, env });
  const redact = (text: string) => redactSecrets(text, secrets);
  const dataset = await loadDataset(config.datasetPath, { cwd, displayName: config.datasetRef });
  const items = options.limit ? dataset.items.slice(0, options.limit) : dataset.items;

  const [prepared] = await prepareModelEntries(
    [{ role: 'attacker', path: 'attacker', entry: config.attacker }],
    config,
    {
      cwd,
      secrets,
      ...(options.adapters ? { adapters: options.adapters } : {}),
      ...(options.adapterSearchDirs ? { searchDirs: options.adapterSearchDirs } : {}),
    },
  );
  const attackerEntry = prepared!;
  if (options.concurrency !== undefined)
    attackerEntry.entry = { ...attackerEntry.entry, concurrency: options.concurrency };
  const promptHash = attackerPromptHash(config.maxChars);
  const provenance: AttackerProvenance = {
    id: attackerEntry.entry.id,
    adapter: `${attackerEntry.definition.name}@${attackerEntry.definition.version}`,
    model: attackerEntry.entry.model,
    promptVersion: ATTACKER_PROMPT_VERSION,
    promptHash,
  };

  const { tasks, kept, comply } = planTasks(items, config, attackerEntry, dataset.taxonomy, options.replace === true);
  const plan: FollowupsPlan = {
    output: config.output,
    storeDir: config.storeDir,
    dataset: { ref: config.datasetRef, fingerprint: dataset.fingerprint, items: items.length },
    attacker: provenance,
    calls: tasks.length,
    stored: countStored(config.storeDir, tasks),
    kept,
    comply,
    ...estimate(tasks, attackerEntry, config.maxChars),
  };
  options.onPlan?.(plan);
  const outcomes = Object.fromEntries(ATTACKER_OUTCOMES.map((o) => [o, 0])) as Record<AttackerOutcome, number>;
  const calls = { made: 0, cached: 0 };
  if (options.dryRun) return { plan, outcomes, calls, interrupted: false, secrets };

  const results = new Map<Task, TaskResult>();
  const store = RunStore.open(config.storeDir, { secrets, synchronous: 'normal' });
  let model: LanguageModelV1 | undefined;
  try {
    store.setMeta(FOLLOWUPS_PLAN_META_KEY, {
      version: 1,
      source: plan.dataset,
      attacker: provenance,
      strategies: config.strategies,
      perItem: config.perItem,
      seed: config.seed,
      maxChars: config.maxChars,
    });
    const emit = options.onEvent ?? (() => {});
    let lane: ModelLane | undefined;
    const laneOf = async (): Promise<ModelLane> => {
      if (lane) return lane;
      // The attacker is created only when a call is needed: a fully stored invocation needs no key or server.
      model = await createModel(attackerEntry, env);
      if (options.preflight !== false) {
        const report = await runPreflight(
          [
            {
              role: 'attacker',
              id: provenance.id,
              path: 'attacker',
              model,
              endpointKey: 'attacker',
              params: attackerEntry.entry.params,
            },
          ],
          { redact, ...(options.signal ? { signal: options.signal } : {}) },
        );
        if (!report.ok) throw new PreflightFailedError(report);
      }
      lane = new ModelLane(provenance.id, model, laneLimits(attackerEntry, options.laneOverrides), (info) =>
        emit({ type: 'retry', attempt: info.attempt, delayMs: info.delayMs, errorKind: info.error.kind }),
      );
      return lane;
    };
    let laneReady: Promise<ModelLane> | undefined;
    let stopReported = false;

    const runTask = async (task: Task): Promise<void> => {
      const question = task.item.turns[0]!;
      const stored = store.getAnswer(task.key);
      let result: TaskResult;
      let cached = false;
      if (stored) {
        cached = true;
        calls.cached++;
        result = readResult(stored.result as GenerateResultV1, question, config.maxChars);
      } else {
        if (options.signal?.aborted) return;
        const l = await (laneReady ??= laneOf());
        if (l.stopped) {
          result = { outcome: 'attacker_error', detail: `not asked: ${l.id} stopped (${l.stopped.kind})` };
        } else {
          try {
            const {
              result: reply,
              attempts,
              latencyMs,
            } = await l.call({ messages: task.messages, params: attackerEntry.entry.params }, options.signal);
            const { raw, ...rest } = reply;
            store.putAnswer({
              key: task.key,
              modelId: provenance.id,
              itemId: task.id,
              round: 2,
              result: rest,
              ...(raw !== undefined ? { raw } : {}),
              latencyMs,
              attempts,
              createdAt: now().toISOString(),
            });
            calls.made++;
            result = readResult(reply, question, config.maxChars);
          } catch (error) {
            if (options.signal?.aborted) return;
            const last = (error as { lastError?: unknown }).lastError ?? error;
            const kind = AdapterError.isInstance(last) ? last.kind : 'unexpected';
            const message = redact(last instanceof Error ? last.message : String(last));
            store.putFailure({
              key: task.key,
              kind: 'answer',
              modelId: provenance.id,
              itemId: task.id,
              round: 2,
              errorKind: kind,
              message,
              attempts: (error as { attempts?: number }).attempts ?? 1,
              at: now().toISOString(),
            });
            result = { outcome: 'attacker_error', detail: `${kind}: ${message}` };
            // Re-read: the lane may have stopped during this call (TS narrowed it above).
            const stopped = l.stopped as LaneStop | undefined;
            if (stopped && !stopReported) {
              stopReported = true;
              emit({ type: 'lane-stopped', reason: stopped.kind, message: redact(stopped.message) });
            }
          }
        }
      }
      results.set(task, result);
      outcomes[result.outcome]++;
      emit({ type: 'followup', itemId: task.id, strategy: task.strategy, outcome: result.outcome, cached });
    };

    let next = 0;
    const workers = Math.max(1, Math.min(tasks.length, attackerEntry.entry.concurrency * 2));
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (;;) {
          if (options.signal?.aborted) return;
          const index = next++;
          if (index >= tasks.length) return;
          await runTask(tasks[index]!);
        }
      }),
    );
  } finally {
    store.close();
    await model?.close?.();
  }

  const interrupted = options.signal?.aborted === true;
  if (interrupted || outcomes.attacker_error > 0) return { plan, outcomes, calls, interrupted, secrets };
  const byItem = new Map<DatasetItem, Task[]>();
  for (const t of tasks) byItem.set(t.item, [...(byItem.get(t.item) ?? []), t]);
  const written = await writeFollowupDataset({
    config,
    source: dataset,
    items,
    generated: (item) =>
      byItem.get(item)?.map((t) => ({ id: t.id, strategy: t.strategy, key: t.key, ...results.get(t)! })),
    provenance,
  });
  return { plan, written, outcomes, calls, interrupted: false, secrets };
}

/** The attacker calls the items need, and how many items are copied unchanged. */
function planTasks(
  items: readonly DatasetItem[],
  config: FollowupsConfig,
  attacker: PreparedModel,
  taxonomy: Taxonomy,
  replace: boolean,
) {
  const tasks: Task[] = [];
  let kept = 0;
  let comply = 0;
  const adapter = { name: attacker.definition.name };
  const keyConfig = keyConfigOf(attacker.adapterConfig);
  for (const item of items) {
    if (item.expect === 'comply') {
      comply++;
      continue;
    }
    if (item.turns.length > 1 && !replace) {
      kept++;
      continue;
    }
    for (const strategy of assignStrategies(item.id, config.strategies, config.perItem, config.seed)) {
      const messages = buildAttackerMessages({ item, strategy, taxonomy, maxChars: config.maxChars });
      tasks.push({
        item,
        id: config.perItem > 1 ? `${item.id}~${strategy}` : item.id,
        strategy,
        messages,
        key: answerKey({ adapter, model: keyConfig, messages, params: attacker.entry.params }),
      });
    }
  }
  return { tasks, kept, comply };
}

/** How a stored or fresh attacker result reads (frozen: against the question only). */
function readResult(result: GenerateResultV1, question: string, maxChars: number): TaskResult {
  return readAttackerResult(result, { question, maxChars });
}

/** How many of the tasks' calls are already in the store (0 when there is no store yet). */
function countStored(storeDir: string, tasks: readonly Task[]): number {
  if (tasks.length === 0 || !existsSync(path.join(storeDir, STORE_FILE_NAME))) return 0;
  const store = RunStore.open(storeDir, { readonly: true });
  try {
    return tasks.filter((t) => store.getAnswer(t.key) !== undefined).length;
  } finally {
    store.close();
  }
}

function estimate(
  tasks: readonly Task[],
  attacker: PreparedModel,
  maxChars: number,
): { estInputTokens: number; estOutputTokens: number } {
  let input = 0;
  for (const t of tasks) for (const m of t.messages) input += estimateTokens(m.content);
  const perCall = Math.min(
    attacker.entry.params.maxTokens ?? Number.POSITIVE_INFINITY,
    estimateTokens('字'.repeat(maxChars)) + OUTPUT_OVERHEAD_TOKENS,
  );
  return { estInputTokens: input, estOutputTokens: perCall * tasks.length };
}
