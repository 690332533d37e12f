import { isBuiltinRef, resolveDatasetPath } from '../dataset/resolve.js';
import { ConfigChecker, describeValue, isMapping } from './checks.js';
import { childPath } from './expand-env.js';
import type { RunConfigProblem } from './run-config-error.js';
import { RUN_CONFIG_DEFAULTS, type JudgeCheckRequirement, type ModelEntry, type PanelAggregate, type RunConfig, type RunPolicies } from './types.js';
import { checkEpochs, MODEL_ID_PATTERN, validateModelEntry, type ModelRole } from './validate-model-entry.js';
import { checkAdaptiveFollowups } from './validate-adaptive-followups.js';

/** Every key a run config may have at the top level. */
export const RUN_CONFIG_KEYS = ['dataset', 'output', 'models', 'judge', 'judges', 'panel', 'policies', 'limit', 'contrast', 'epochs', 'followups'] as const;

/** Every key of `policies`. */
export const POLICY_KEYS = ['block', 'round2AfterBlock', 'emptyAnswer'] as const;

export interface ValidateRunConfigOptions {
  /** Directory relative paths are resolved against. */
  baseDir: string;
  /** Absolute path of the file the value came from, recorded on the config. */
  file?: string;
  /** Paths whose text came from `${VAR}` expansion (numbers may be written that way). */
  expandedPaths?: ReadonlySet<string>;
  /** Paths whose expansion failed and are already reported. */
  failedPaths?: ReadonlySet<string>;
  /**
   * A judge-only file (`sc-safety judge check --judge file`): `dataset` and `models` may be left
   * out, and a judge (or panel) is required instead.
   */
  judgeOnly?: boolean;
}

/** A checked config, or every problem found. */
export type ValidatedRunConfig = { ok: true; config: RunConfig } | { ok: false; problems: RunConfigProblem[] };

/**
 * Checks an already parsed and expanded config value against the run-config format and fills in
 * defaults. Reports every problem, not just the first. Adapter-specific fields are not checked
 * here: `prepareModels` hands them to each adapter's schema.
 */
export function validateRunConfig(value: unknown, options: ValidateRunConfigOptions): ValidatedRunConfig {
  const check = new ConfigChecker(options.expandedPaths, options.failedPaths);
  if (!isMapping(value)) {
    const got = value === null || value === undefined ? 'an empty document' : describeValue(value);
    check.problem('', `expected a mapping of settings at the top level (dataset, models, judge, …), got ${got}`);
    return { ok: false, problems: check.problems };
  }
  check.unknownKeys(value, RUN_CONFIG_KEYS, (key) => childPath('', key), 'top-level key');

  const judgeOnly = options.judgeOnly === true;
  const dataset = check.string(value.dataset, 'dataset', {
    ...(judgeOnly ? {} : { required: 'required: "builtin:NAME" (e.g. builtin:sample) or a path to a dataset file, relative to this config file' }),
    nonEmpty: true,
  });
  if (dataset !== undefined && isBuiltinRef(dataset)) {
    try {
      resolveDatasetPath(dataset);
    } catch (error) {
      check.problem('dataset', (error as Error).message);
    }
  }
  const output = check.string(value.output, 'output', { nonEmpty: true });
  const contrast = check.string(value.contrast, 'contrast', { nonEmpty: true });
  if (contrast !== undefined && isBuiltinRef(contrast)) {
    try {
      resolveDatasetPath(contrast);
    } catch (error) {
      check.problem('contrast', (error as Error).message);
    }
  }
  const epochs = checkEpochs(value.epochs, 'epochs', check);
  const models = judgeOnly && value.models === undefined ? [] : checkTargets(value.models, check);
  const judging = checkJudges(value, check);
  if (judgeOnly && judging.judge === undefined && judging.judges === undefined && value.judge === undefined && value.judges === undefined) {
    check.problem('judge', 'required: the judge to check ("judge:" with adapter and model) or a panel ("judges:")');
  }
  const policies = checkPolicies(value.policies, check);
  const limit = check.number(value.limit, 'limit', 'non-negative integer');
  const followups = value.followups === undefined ? undefined : checkAdaptiveFollowups(value.followups, check);

  if (check.problems.length > 0 || (dataset === undefined && !judgeOnly) || models === undefined) return { ok: false, problems: check.problems };
  const config: RunConfig = { baseDir: options.baseDir, dataset: dataset ?? '', models, policies, ...judging };
  if (options.file !== undefined) config.file = options.file;
  if (output !== undefined) config.output = output;
  if (limit !== undefined && limit > 0) config.limit = limit;
  if (contrast !== undefined) config.contrast = contrast;
  if (epochs !== undefined) config.epochs = epochs;
  if (followups !== undefined) config.followups = followups;
  return { ok: true, config };
}

function checkTargets(value: unknown, check: ConfigChecker): ModelEntry[] | undefined {
  if (value === undefined || value === null) {
    check.problem('models', 'required: a list of models to run, each with at least "id", "adapter" and "model"');
    return undefined;
  }
  if (!Array.isArray(value)) {
    check.problem('models', `expected a list of model entries, got ${describeValue(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    check.problem('models', 'at least one model is required');
    return undefined;
  }
  return checkEntries(value, 'models', 'target', check);
}

/** Validates a list of entries and their unique ids; `undefined` when any entry is invalid. */
function checkEntries(list: readonly unknown[], base: string, role: ModelRole, check: ConfigChecker): ModelEntry[] | undefined {
  const entries: ModelEntry[] = [];
  const firstUse = new Map<string, string>();
  let ok = true;
  list.forEach((raw, i) => {
    const path = childPath(base, i);
    const entry = validateModelEntry(raw, path, role, check);
    if (entry === undefined) ok = false;
    // Duplicates are found even among entries with other problems, so every mistake shows at once.
    const id = idOf(raw, role);
    if (id === undefined) return;
    const first = firstUse.get(id);
    if (first === undefined) {
      firstUse.set(id, path);
    } else {
      const hint = isMapping(raw) && raw.id !== undefined ? '' : '; give each judge its own "id"';
      check.problem(childPath(path, 'id'), `duplicate id "${id}" (first used by ${first})${hint}`);
      ok = false;
    }
    if (entry !== undefined) entries.push(entry);
  });
  return ok ? entries : undefined;
}

/** The id an entry will be known by (a judge defaults to its model), when it is a usable id. */
function idOf(raw: unknown, role: ModelRole): string | undefined {
  if (!isMapping(raw)) return undefined;
  if (raw.id !== undefined) return typeof raw.id === 'string' && MODEL_ID_PATTERN.test(raw.id) ? raw.id : undefined;
  return role === 'judge' && typeof raw.model === 'string' && raw.model.trim().length > 0 ? raw.model : undefined;
}

/** `judge.check` / `panel.check`: `{minKappa: 0.6, set: builtin:judge-check}`. */
function checkJudgeCheck(value: unknown, path: string, check: ConfigChecker): JudgeCheckRequirement | undefined {
  const map = check.mapping(value, path, 'a mapping such as {minKappa: 0.6}');
  if (map === undefined) return undefined;
  check.unknownKeys(map, ['minKappa', 'set'], (key) => childPath(path, key), 'judge-check setting');
  const raw = map.minKappa;
  let minKappa: number | undefined;
  if (raw === undefined) check.problem(childPath(path, 'minKappa'), 'required: the lowest quadratic-weighted κ the judge must reach, e.g. 0.6');
  else if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < -1 || raw > 1) {
    check.problem(childPath(path, 'minKappa'), `expected a number from -1 to 1 (κ's range), got ${describeValue(raw)}`);
  } else minKappa = raw;
  const set = check.string(map.set, childPath(path, 'set'), { nonEmpty: true });
  return minKappa === undefined ? undefined : { minKappa, set: set ?? 'builtin:judge-check' };
}

function checkJudges(value: Record<string, unknown>, check: ConfigChecker): Pick<RunConfig, 'judge' | 'judges' | 'panel' | 'judgeCheck'> {
  const out: Pick<RunConfig, 'judge' | 'judges' | 'panel' | 'judgeCheck'> = {};
  const hasJudge = value.judge !== undefined && value.judge !== null;
  const hasPanel = value.judges !== undefined && value.judges !== null;
  if (hasJudge && hasPanel) check.problem('judge', 'give either "judge" or "judges", not both');

  if (hasJudge) {
    // `check` belongs to the engine, not the adapter: take it out before the entry is validated.
    let raw = value.judge;
    if (isMapping(raw) && raw.check !== undefined) {
      const { check: requirement, ...rest } = raw;
      const checked = checkJudgeCheck(requirement, 'judge.check', check);
      if (checked !== undefined) out.judgeCheck = checked;
      raw = rest;
    }
    const entry = validateModelEntry(raw, 'judge', 'judge', check);
    if (entry !== undefined) out.judge = entry;
  }
  if (hasPanel) {
    if (!Array.isArray(value.judges)) {
      check.problem('judges', `expected a list of judge entries, got ${describeValue(value.judges)}`);
    } else if (value.judges.length < 2) {
      check.problem('judges', `a panel needs at least two judges (got ${value.judges.length}); for a single judge write "judge:"`);
    } else {
      const entries = checkEntries(value.judges, 'judges', 'judge', check);
      if (entries !== undefined) out.judges = entries;
    }
  }

  if (value.panel !== undefined) {
    if (!hasPanel) check.problem('panel', 'only used with "judges" (a panel of two or more judges)');
    const panel = check.mapping(value.panel, 'panel', 'a mapping such as {aggregate: median}');
    if (panel !== undefined) {
      check.unknownKeys(panel, ['aggregate', 'check'], (key) => childPath('panel', key), 'panel setting');
      const aggregate = check.choice<PanelAggregate>(panel.aggregate, 'panel.aggregate', ['median', 'majority']);
      if (panel.check !== undefined) {
        const checked = checkJudgeCheck(panel.check, 'panel.check', check);
        if (checked !== undefined) out.judgeCheck = checked;
      }
      if (out.judges !== undefined) out.panel = { aggregate: aggregate ?? RUN_CONFIG_DEFAULTS.panelAggregate };
    }
  } else if (out.judges !== undefined) {
    out.panel = { aggregate: RUN_CONFIG_DEFAULTS.panelAggregate };
  }
  return out;
}

function checkPolicies(value: unknown, check: ConfigChecker): RunPolicies {
  const policies: RunPolicies = { ...RUN_CONFIG_DEFAULTS.policies };
  const map = check.mapping(value, 'policies', 'a mapping of policies (block, round2AfterBlock, emptyAnswer)');
  if (map === undefined) return policies;
  check.unknownKeys(map, POLICY_KEYS, (key) => childPath('policies', key), 'policy');
  const block = check.choice(map.block, 'policies.block', ['score-1', 'exclude'] as const);
  if (block !== undefined) policies.block = block;
  const round2 = check.choice(map.round2AfterBlock, 'policies.round2AfterBlock', ['placeholder', 'partial', 'skip'] as const);
  if (round2 !== undefined) policies.round2AfterBlock = round2;
  const empty = check.choice(map.emptyAnswer, 'policies.emptyAnswer', ['outcome', 'judge'] as const);
  if (empty !== undefined) policies.emptyAnswer = empty;
  return policies;
}
