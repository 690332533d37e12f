import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LanguageModelV1 } from '@sc-safety/spec';
import { loadRunConfig } from '../config/load-run-config.js';
import type { LoadedRunConfig } from '../config/load-run-config.js';
import { locateModelAdapters, prepareModels } from '../config/prepare-models.js';
import type { PreparedModel } from '../config/prepare-models.js';
import { resolveRunOptions } from '../config/run-options.js';
import { RunConfigError } from '../config/run-config-error.js';
import { RUN_CONFIG_DEFAULTS } from '../config/types.js';
import type { RunOverrides } from '../config/run-options.js';
import { sanitizeForManifest } from '../config/sanitize.js';
import { redactSecrets } from '../config/secret-fields.js';
import { isBuiltinRef } from '../dataset/resolve.js';
import type { LaneLimits } from '../engine/lane.js';
import { DEFAULT_POLICIES } from '../engine/policies.js';
import type { EnginePolicies } from '../engine/policies.js';
import { runEngine } from '../engine/runner.js';
import type { EngineEvent, RunEngineResult } from '../engine/runner.js';
import type { PreparedJudge, PreparedTarget } from '../engine/types.js';
import type { RunExportPaths } from '../export/write-run-exports.js';
import type { ManifestWarning, ResultsDocument } from '@sc-safety/results';
import { ItemSpool } from '../engine/item-spool.js';
import { openSpoolDir } from './spool-location.js';
import { AnswerSpool, spoolModels } from '../export/answer-spool.js';
import { AnswerTally } from './answer-tally.js';
import { BackgroundWriter } from '../store/background-writer.js';
import { RunStore } from '../store/run-store.js';
import { STORE_FILE_NAME } from '../store/schema.js';
import { assertStoreFileIntact } from '../store/store-file-check.js';
import { moveStoreAside } from '../store/store-maintenance.js';
import { resolveShard, shardDirName } from '../store/shard-auto.js';
import { engineStoreWithWriter } from './engine-store-with-writer.js';
import { CallLedger } from './call-ledger.js';
import { currentExports, exportsInputsDigest, stampExports } from './current-exports.js';
import { runExportPaths } from '../export/run-export-paths.js';
import { estimatePlan } from './estimate-plan.js';
import type { PlanEstimate } from './estimate-plan.js';
import { panelAggregator, rubricJudgeProtocol } from './judge-protocol.js';
import { epochSeedMode, epochSeedWarning } from './epoch-seeds.js';
import { createModels, endpointKeyOf, laneLimits, toJudge, toTarget } from './prepare-run.js';
import { adaptivePlan, adaptiveSourceOf } from './adaptive-run.js';
import { PreflightFailedError, runPreflight, type PreflightReport, type PreflightSubject } from './preflight.js';
import { displayPath } from '../config/display-path.js';
import { JudgeCheckFailedError } from './judge-check-failed-error.js';
import type { JudgeCheckProgress } from '../judge-check/run-judge-check.js';
import type { JudgeCheckSummary } from '../judge-check/summary.js';
import { RUN_PLAN_META_KEY } from './run-plan.js';
import { extraTurnsWarningOf, judgeTargetWarnings } from './run-warnings.js';
import { runItems, scanRunItems, type ItemSelection } from './run-items.js';
import type { StoredRunPlan } from './run-plan.js';

export interface RunBenchmarkOptions {
  /** The run config file (YAML or JSON). */
  configFile: string;
  /**
   * That file as {@link loadRunConfig} returned it with the same `cwd` and `env` (and, for a dry run,
   * `allowUnsetSecrets`): used as it is instead of reading, parsing and validating the file again
   * (`sc-safety run` has already loaded it for its own checks; each load costs start-up time).
   */
  loadedConfig?: LoadedRunConfig;
  /** Command-line overrides (`--out`, `--limit`, `--models`, `--concurrency`, `--max-in-flight`). */
  overrides?: RunOverrides;
  /** `--shard i/n`: only the items of shard i of n; `auto`: i and n from the scheduler's variables, in `<out>/shard-i-of-n`. */
  shard?: string;
  /**
   * Print the plan and stop before any call. Imports no adapter module: the plan lists the modules
   * a real run would load, and from where (a config naming an adapter is code).
   */
  dryRun?: boolean;
  /** `--fresh`: move an existing run store aside (nothing is deleted) and start a new one. */
  fresh?: boolean;
  /** Called with the files `fresh` moved aside. */
  onFresh?: (moved: readonly string[]) => void;
  /** Longest dataset line accepted, in bytes (default 1 MiB). */
  maxLineBytes?: number;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Ctrl-C: stops cleanly, keeping every completed call. */
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  /** Called once the plan is known, before any call. */
  onPlan?: (plan: PlanEstimate) => void;
  /**
   * Probe every distinct model endpoint and every judge once before the first benchmark call
   * (default true): the adapter's `check()`, else one generate capped at one output token. A failed
   * probe stops the run with {@link PreflightFailedError} listing every failure.
   */
  preflight?: boolean;
  /** Only the preflight: probe, report, and stop (`sc-safety check`). Implies `preflight`. */
  preflightOnly?: boolean;
  /** Called with the preflight's report, passed or not. */
  onPreflight?: (report: PreflightReport) => void;
  /** Progress of the `judge.check` the config requires, before any target call. */
  onJudgeCheck?: (progress: JudgeCheckProgress) => void;
  /**
   * Run-level warnings (the manifest's `warnings`), each once: those the config and dataset show
   * (a judge also under test, turns not asked) before any call, the rest (a served model that
   * changed, a judge served as a target) when the results are built.
   */
  onWarning?: (warning: ManifestWarning) => void;
  /** Adapter definitions by reference, tried before anything is looked up on disk. */
  adapters?: Readonly<Record<string, unknown>>;
  /** Extra places to look for adapter packages (the CLI's own install). */
  adapterSearchDirs?: readonly string[];
  /** Imports an adapter module given its file URL (default: dynamic `import()`; the CLI's uses its bundled copies). */
  adapterImporter?: (url: string) => Promise<unknown>;
  /** Recorded in the manifest (redacted). */
  commandLine?: readonly string[];
  /** Test hook: shorter backoff. */
  laneOverrides?: Partial<LaneLimits>;
  /** Bootstrap resamples for the intervals (default 1000; 0 turns them off). */
  bootstrapIterations?: number;
  /**
   * `normal` (default): every completed call is committed before it counts and survives a killed
   * process (kill -9, OOM, Ctrl-C); the last commits may roll back on power loss. `full` also
   * fsyncs each commit (~ms each, on the event loop): for runs where power loss is a real risk.
   */
  durability?: 'normal' | 'full';
}

export interface RunBenchmarkResult {
  outDir: string;
  plan: PlanEstimate;
  /** The preflight's report, when one ran. */
  preflight?: PreflightReport;
  /** Undefined for a dry run. Iterating `answers` reads them back from results.json. */
  results?: ResultsDocument;
  paths?: RunExportPaths;
  interrupted: boolean;
  secrets: string[];
  /**
   * Set when the run had nothing to do: every call of its plan was already stored and the exports
   * in its directory were written from that same store and plan (at `writtenAt`), so they were
   * handed back as they are, without probing an endpoint or reading a row.
   */
  upToDate?: { writtenAt: string };
}

/** The tool version recorded in manifests: the core package's own. */
export function toolVersion(): string {
  const pkg = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/**
 * `sc-safety run`: loads and validates the config, the dataset and the adapters, opens (or resumes)
 * the run store, runs every target over every item with the judge panel, and writes the exports.
 */
export async function runBenchmark(options: RunBenchmarkOptions): Promise<RunBenchmarkResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  // Planning spends nothing: a dry run lists unset keys as warnings (all of them) instead of failing.
  const loaded =
    options.loadedConfig ??
    (await loadRunConfig(options.configFile, {
      env,
      cwd,
      ...(options.dryRun ? { allowUnsetSecrets: true } : {}),
    }));
  for (const u of loaded.unsetSecrets ?? []) {
    options.onWarning?.({
      code: 'key-not-set',
      message: `${u.path}: environment variable ${u.variable} is not set; a real run needs it`,
    });
  }
  const secrets = loaded.secrets;
  const redact = (text: string) => redactSecrets(text, secrets);
  const run = resolveRunOptions(loaded.config, options.overrides ?? {}, { cwd });
  const resolvedShard = options.shard ? resolveShard(options.shard, env) : undefined;
  const shard = resolvedShard?.shard;
  // `--shard auto` runs the same command on every node: each shard gets its own run directory.
  if (resolvedShard?.source) run.outDir = path.join(run.outDir, shardDirName(resolvedShard.shard));

  // The whole config is checked before any adapter module is imported: an adapter is code.
  if (run.judges.length === 0) {
    throw new RunConfigError(
      [{ path: 'judge', message: 'a run needs a judge ("judge:" with adapter and model) or a panel ("judges:")' }],
      { file: path.basename(options.configFile) },
    );
  }

  // The items are read through once here (counts, estimate, fingerprint) and once more into the run's
  // item spool: never all in memory at once. A builtin is read by its name, so a missing one is
  // reported with the list of those available. The contrast set's items are asked like any item;
  // they are told apart by `expect: comply`.
  const selection: ItemSelection = {
    dataset: isBuiltinRef(run.datasetRef) ? run.datasetRef : run.datasetPath,
    limit: run.limit,
    shard,
    maxLineBytes: options.maxLineBytes,
  };
  const scan = await scanRunItems(selection, {
    contrast: run.contrast,
    adaptiveTurns: loaded.config.followups?.turns,
  });
  const { taxonomy, fingerprint, itemCount, header, contrastSet, hasContrast } = scan;

  const prepareOptions = {
    cwd,
    secrets,
    only: run.models.map((m) => m.id),
    ...(options.adapters ? { adapters: options.adapters } : {}),
    ...(options.adapterSearchDirs ? { searchDirs: options.adapterSearchDirs } : {}),
    ...(options.adapterImporter ? { importer: options.adapterImporter } : {}),
  };
  // Found, not imported: a reference that leads nowhere fails here, before any module runs.
  const adapterModules = locateModelAdapters(loaded.config, prepareOptions);
  const plan = estimatePlan({
    items: scan.tally,
    targets: run.models.map((entry) => ({ entry })),
    judges: run.judges.map((entry) => ({ entry })),
    outDir: run.outDir,
    datasetRef: run.datasetRef,
    shard,
    adapters: adapterModules,
  });
  const identity = (e: { id: string; adapter: string; model: string }) => ({
    id: e.id,
    adapter: e.adapter,
    model: e.model,
  });
  const warned = new Set<string>();
  const warn = (warning: ManifestWarning) => {
    if (warned.has(warning.message)) return;
    warned.add(warning.message);
    options.onWarning?.(warning);
  };
  judgeTargetWarnings(run.models.map(identity), run.judges.map(identity)).forEach(warn);
  const extraTurns = extraTurnsWarningOf(scan.extraTurns);
  if (extraTurns !== undefined) warn(extraTurns);
  if (options.dryRun) {
    options.onPlan?.(plan);
    return { outDir: run.outDir, plan, interrupted: false, secrets };
  }
  // A damaged store is refused before any adapter is loaded or any call is paid for (unless
  // --fresh, which moves it aside just before the new store is opened, once nothing else can fail).
  const storeFile = path.join(run.outDir, STORE_FILE_NAME);
  if (!options.fresh && existsSync(storeFile)) assertStoreFileIntact(storeFile);

  const prepared = await prepareModels(loaded.config, prepareOptions);
  // The run options carry the command-line overrides (e.g. --concurrency) applied to the entries.
  for (const p of prepared.targets) p.entry = run.models.find((m) => m.id === p.entry.id) ?? p.entry;
  for (const p of prepared.judges) p.entry = run.judges.find((m) => m.id === p.entry.id) ?? p.entry;
  const policies: EnginePolicies = { ...DEFAULT_POLICIES, ...run.policies };
  const protocol = rubricJudgeProtocol({ taxonomy });
  const contrastProtocol = rubricJudgeProtocol({ taxonomy: contrastSet?.taxonomy ?? taxonomy, rubric: 'contrast' });
  options.onPlan?.(plan);

  const attackerModel = loaded.config.followups !== undefined ? prepared.attacker : undefined;
  const created: Map<PreparedModel, LanguageModelV1> = await createModels(
    [...prepared.targets, ...prepared.judges, ...(attackerModel ? [attackerModel] : [])],
    env,
    {
      file: displayPath(loaded.config.file ?? options.configFile, cwd),
      secrets,
    },
  );
  // A server that knows its useful parallelism (llama.cpp slots, an in-process model) sets the
  // default concurrency when the config left it at the default.
  for (const [p, model] of created) {
    const recommended = model.capabilities.recommendedConcurrency;
    if (
      recommended !== undefined &&
      options.overrides?.concurrency === undefined &&
      p.entry.concurrency === RUN_CONFIG_DEFAULTS.concurrency
    ) {
      p.entry = { ...p.entry, concurrency: recommended };
    }
  }
  const targets: PreparedTarget[] = prepared.targets.map((p) => toTarget(p, created.get(p)!, options.laneOverrides));
  const seedModes = targets.map((t) => epochSeedMode(t));
  const judges: PreparedJudge[] = prepared.judges.map((p) => toJudge(p, created.get(p)!, options.laneOverrides));
  const planWith = (judgeCheck: JudgeCheckSummary | undefined): StoredRunPlan => ({
    version: 1,
    dataset: {
      ref: run.datasetRef,
      path: run.datasetPath,
      fingerprint,
      items: itemCount,
      ...(Object.keys(header).length > 0 ? { header } : {}),
      ...(contrastSet
        ? {
            contrast: {
              ref: contrastSet.ref,
              path: contrastSet.path,
              fingerprint: contrastSet.fingerprint,
              items: contrastSet.count,
            },
          }
        : {}),
    },
    ...(run.limit ? { limit: run.limit } : {}),
    ...(shard ? { shard } : {}),
    targets: targets.map((t, i) => ({
      id: t.id,
      tags: t.tags,
      adapter: t.adapter,
      keyConfig: t.keyConfig,
      params: t.params,
      ...(t.system !== undefined ? { system: t.system } : {}),
      manifestConfig: sanitizeForManifest(prepared.targets[i]!.adapterConfig, secrets),
      ...(t.epochs !== undefined && t.epochs > 1 ? { epochs: t.epochs, epochSeed: seedModes[i]! } : {}),
    })),
    judges: judges.map((j, i) => ({
      id: j.id,
      adapter: j.adapter,
      keyConfig: j.keyConfig,
      params: j.params,
      model: prepared.judges[i]!.entry.model,
    })),
    panel: { aggregate: run.panel?.aggregate ?? 'median' },
    policies,
    judge: {
      promptHash: protocol.promptHash,
      promptVersion: protocol.promptVersion,
      parserVersion: protocol.parserVersion,
      ...(judgeCheck ? { check: judgeCheck } : {}),
      ...(hasContrast
        ? { contrast: { promptHash: contrastProtocol.promptHash, promptVersion: contrastProtocol.promptVersion } }
        : {}),
      ...(attackerModel && protocol.multiTurnPromptHash ? { multiTurnPromptHash: protocol.multiTurnPromptHash } : {}),
    },
    ...(attackerModel && loaded.config.followups
      ? { followups: adaptivePlan(loaded.config.followups, attackerModel, scan.writtenFollowups) }
      : {}),
  });
  // What the exports are written from besides the store (the judge check's outcome is only known later).
  const exportsInputs = exportsInputsDigest({
    plan: planWith(undefined),
    ...(loaded.config.judgeCheck !== undefined ? { judgeCheck: loaded.config.judgeCheck } : {}),
    toolVersion: toolVersion(),
    commandLine: (options.commandLine ?? []).map(redact),
    ...(options.bootstrapIterations !== undefined ? { bootstrapIterations: options.bootstrapIterations } : {}),
  });
  // A run whose every call is stored and whose exports are current has nothing to do: it says so
  // and hands back those exports, without probing an endpoint or reading a row.
  if (!options.fresh && !options.preflightOnly && existsSync(storeFile)) {
    const current = await currentRun(run.outDir, exportsInputs);
    if (current !== undefined) {
      await Promise.all([...created.values()].map((m) => m.close?.()));
      current.results.manifest.warnings?.forEach(warn);
      return { outDir: run.outDir, plan, ...current, interrupted: false, secrets };
    }
  }
  let preflight: PreflightReport | undefined;
  if (options.preflight !== false || options.preflightOnly) {
    const subjects: PreflightSubject[] = [...created].map(([p, model]) => ({
      role: p.role === 'judge' ? 'judge' : p.role === 'attacker' ? 'attacker' : 'model',
      id: p.entry.id,
      path: p.path,
      model,
      endpointKey: endpointKeyOf(p),
      params: p.role === 'judge' ? { temperature: 0, ...p.entry.params } : p.entry.params,
    }));
    preflight = await runPreflight(subjects, { redact, ...(options.signal ? { signal: options.signal } : {}) });
    options.onPreflight?.(preflight);
    if (!preflight.ok || options.preflightOnly) {
      await Promise.all([...created.values()].map((m) => m.close?.()));
      if (!preflight.ok) throw new PreflightFailedError(preflight);
      return { outDir: run.outDir, plan, preflight, interrupted: false, secrets };
    }
  }
  targets.forEach((t, i) => {
    const warning = epochSeedWarning(t, seedModes[i]);
    if (warning !== undefined) warn(warning);
  });
  // `judge.check`: the judge must agree with the labelled set before any target call is spent.
  let judgeCheck: JudgeCheckSummary | undefined;
  if (loaded.config.judgeCheck !== undefined) {
    try {
      const requirement = loaded.config.judgeCheck;
      // Loaded here, not up front: most runs have no judge check (start-up, issue 19).
      const [{ loadJudgeCheckSet }, { runJudgeCheck }, { summarizeJudgeCheck }] = await Promise.all([
        import('../judge-check/load-cases.js'),
        import('../judge-check/run-judge-check.js'),
        import('../judge-check/summary.js'),
      ]);
      const set = await loadJudgeCheckSet(requirement.set, { cwd: loaded.config.baseDir });
      const report = await runJudgeCheck({
        set,
        judges,
        aggregate: run.panel?.aggregate ?? 'median',
        minKappa: requirement.minKappa,
        redact,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onJudgeCheck ? { onProgress: options.onJudgeCheck } : {}),
      });
      if (!report.threshold?.passed) throw new JudgeCheckFailedError(report);
      judgeCheck = summarizeJudgeCheck(report);
    } catch (error) {
      await Promise.all([...created.values()].map((m) => m.close?.()));
      throw error;
    }
  }

  const storedPlan = planWith(judgeCheck);

  if (options.fresh) options.onFresh?.(moveStoreAside(run.outDir));
  const store = RunStore.open(run.outDir, { secrets, synchronous: options.durability ?? 'normal' });
  // The items and the finished rows live in spool files, not in memory, so a big run's footprint
  // stays flat (and small: V8 lets the heap grow to several times what stays alive).
  const spools = openSpoolDir(run.outDir);
  let itemSpool: ItemSpool;
  try {
    itemSpool = await ItemSpool.write(runItems(selection, scan), spools.dir, scan.count);
  } catch (error) {
    spools.release();
    store.close();
    await Promise.all([...created.values()].map((m) => m.close?.()));
    throw error;
  }
  // Each answer is rendered for the exports as it finishes: after the last one they only copy bytes.
  const spool = new AnswerSpool(spoolModels(targets), itemSpool, {
    tmpDir: spools.dir,
    epochs: Math.max(1, ...targets.map((t) => t.epochs ?? 1)),
    rounds: storedPlan.followups?.manifest.turns ?? 2,
    secrets,
  });
  try {
    // The manifest's tallies and the scoring take each answer as it finishes, in leaderboard order
    // where it can: after the last answer only what is left is read back.
    const tally = new AnswerTally(storedPlan, itemSpool, { bootstrapIterations: options.bootstrapIterations });
    spool.follow((facts) => tally.add(facts));
    let engine: RunEngineResult;
    // Answers and judgments are committed on a worker thread: SQLite's work (and each fsync with
    // durability full) stays off the event loop the calls run on. Reads and the failure log stay here.
    const writer = BackgroundWriter.start(store);
    // Counts the calls the run needed and stored: when they match, the run leaves nothing to do.
    const ledger = new CallLedger(engineStoreWithWriter(store, writer));
    const engineStore = ledger.store;
    try {
      store.setMeta(RUN_PLAN_META_KEY, storedPlan);
      // Adaptive: an attacker writes turns 2..N from each target's answers (one lane for all targets).
      const turnSource =
        storedPlan.followups && attackerModel
          ? adaptiveSourceOf(storedPlan.followups, {
              model: created.get(attackerModel)!,
              limits: laneLimits(attackerModel, options.laneOverrides),
              store: engineStore,
              taxonomy,
              redact,
              ...(options.signal ? { signal: options.signal } : {}),
              onRetry: (info) =>
                options.onEvent?.({ type: 'retry', lane: `attacker:${attackerModel.entry.id}`, ...info }),
              onStop: (stop) =>
                options.onEvent?.({
                  type: 'lane-stopped',
                  lane: `attacker:${attackerModel.entry.id}`,
                  reason: stop.kind,
                  message: redact(stop.message),
                }),
            })
          : undefined;
      engine = await runEngine({
        ...(turnSource ? { turnSource } : {}),
        items: itemSpool,
        targets,
        judges,
        judgeProtocol: protocol,
        contrastProtocol,
        aggregate: panelAggregator(storedPlan.panel.aggregate),
        store: engineStore,
        policies,
        redact,
        keepRows: false,
        ...(run.maxInFlight !== undefined ? { maxInFlight: run.maxInFlight } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onEvent: (event) => {
          if (event.type === 'row') spool.add(event.row, event.item);
          options.onEvent?.(event);
        },
      });
    } finally {
      await writer.close();
      store.close();
      await Promise.all([...created.values()].map((m) => m.close?.()));
    }

    // Scoring and the exports load after the last answer, never before the first request (issue 19).
    const [{ buildRunResults }, { writeRunExports }, { answersFromFile }] = await Promise.all([
      import('./build-run-results.js'),
      import('../export/write-run-exports.js'),
      import('./answers-from-file.js'),
    ]);
    const results = await buildRunResults({
      plan: storedPlan,
      engine,
      answers: spool,
      tally,
      items: itemSpool,
      toolVersion: toolVersion(),
      commandLine: (options.commandLine ?? []).map(redact),
      ...(options.bootstrapIterations !== undefined ? { bootstrapIterations: options.bootstrapIterations } : {}),
    });
    results.manifest.warnings?.forEach(warn);
    const paths = await writeRunExports(run.outDir, results, { secrets });
    if (!engine.interrupted && ledger.settled && results.manifest.status === 'complete') {
      // Only a shortcut for the next run: a stamp that cannot be written (the store busy with
      // another process) leaves that run to replay the store, and this finished run unharmed.
      try {
        const stamped = RunStore.open(run.outDir, { secrets });
        try {
          stampExports(stamped, { inputs: exportsInputs, results, paths, writtenAt: engine.finishedAt });
        } finally {
          stamped.close();
        }
      } catch {
        // Nothing to undo: the exports are written and the store holds every row.
      }
    }
    return {
      outDir: run.outDir,
      plan,
      ...(preflight ? { preflight } : {}),
      results: { ...results, answers: answersFromFile(paths.results, results.answers.length) },
      paths,
      interrupted: engine.interrupted,
      secrets,
    };
  } finally {
    spool.close();
    itemSpool.close();
    spools.release();
  }
}

/**
 * The exports of `outDir` and their header, when they are current for `inputs` (see
 * current-exports.ts); undefined when anything differs or the store cannot be read (the run then
 * goes ahead and reports what is wrong).
 */
async function currentRun(
  outDir: string,
  inputs: string,
): Promise<Required<Pick<RunBenchmarkResult, 'results' | 'paths' | 'upToDate'>> | undefined> {
  const paths = runExportPaths(outDir);
  let stamp;
  try {
    const store = RunStore.open(outDir, { readonly: true });
    try {
      stamp = currentExports(store, inputs, paths);
    } finally {
      store.close();
    }
  } catch {
    return undefined;
  }
  if (stamp === undefined) return undefined;
  const { answersFromFile } = await import('./answers-from-file.js');
  return {
    results: { ...stamp.header, answers: answersFromFile(paths.results, stamp.answers) },
    paths,
    upToDate: { writtenAt: stamp.writtenAt },
  };
}
