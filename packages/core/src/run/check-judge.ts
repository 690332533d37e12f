import type { LanguageModelV1 } from '@sc-safety/spec';
import { loadRunConfig } from '../config/load-run-config.js';
import { prepareModels } from '../config/prepare-models.js';
import { redactSecrets } from '../config/secret-fields.js';
import type { LaneLimits } from '../engine/lane.js';
import type { PreparedJudge } from '../engine/types.js';
import type { AgreementBootstrap } from '../judge-check/agreement-metrics.js';
import { DEFAULT_JUDGE_CHECK_SET, loadJudgeCheckSet } from '../judge-check/load-cases.js';
import { runJudgeCheck, type JudgeCheckProgress } from '../judge-check/run-judge-check.js';
import type { JudgeCheckReport } from '../judge-check/types.js';
import { createModel, toJudge } from './prepare-run.js';

// Its own module so a run loads the judge-check code only when its config asks for a check.
export { JudgeCheckFailedError } from './judge-check-failed-error.js';

export interface CheckJudgeOptions {
  /** A run config (its `judge:` / `judges:` are checked) or a judge-only file with just those. */
  configFile: string;
  /** The labelled set: `builtin:judge-check` (default), or the `set` of the config's `judge.check`, or a path. */
  set?: string;
  limit?: number;
  /** Fail under this κ (default: the config's `judge.check.minKappa`, if any). */
  minKappa?: number;
  bootstrap?: AgreementBootstrap;
  cwd?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  onProgress?: (progress: JudgeCheckProgress) => void;
  /** Called once the set is loaded and the judges are ready, before any call. */
  onStart?: (info: { cases: number; judges: string[]; set: string }) => void;
  adapters?: Readonly<Record<string, unknown>>;
  adapterSearchDirs?: readonly string[];
  /** Builtin datasets folder (tests). */
  builtinDir?: string;
  laneOverrides?: Partial<LaneLimits>;
}

/**
 * `sc-safety judge check`: loads the judge (or panel) of a config file, runs it on a labelled
 * set and returns the agreement report. Adapters are loaded and checked like a run's.
 */
export async function checkJudgeConfig(options: CheckJudgeOptions): Promise<JudgeCheckReport> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const loaded = await loadRunConfig(options.configFile, { env, cwd, judgeOnly: true });
  const { config, secrets } = loaded;
  const setRef = options.set ?? config.judgeCheck?.set ?? DEFAULT_JUDGE_CHECK_SET;
  // A path in the config is relative to the config file; one on the command line to the cwd.
  const set = await loadJudgeCheckSet(setRef, {
    cwd: options.set !== undefined ? cwd : config.baseDir,
    ...(options.builtinDir ? { builtinDir: options.builtinDir } : {}),
  });
  const prepared = await prepareModels(
    { ...config, models: [] },
    {
      cwd,
      secrets,
      ...(options.adapters ? { adapters: options.adapters } : {}),
      ...(options.adapterSearchDirs ? { searchDirs: options.adapterSearchDirs } : {}),
    },
  );
  const models: LanguageModelV1[] = [];
  try {
    const judges: PreparedJudge[] = [];
    for (const p of prepared.judges) {
      const model = await createModel(p, env);
      models.push(model);
      judges.push(toJudge(p, model, options.laneOverrides));
    }
    options.onStart?.({
      cases: options.limit ? Math.min(options.limit, set.cases.length) : set.cases.length,
      judges: judges.map((j) => j.id),
      set: set.file,
    });
    const minKappa = options.minKappa ?? config.judgeCheck?.minKappa;
    return await runJudgeCheck({
      set,
      judges,
      aggregate: config.panel?.aggregate ?? 'median',
      ...(options.limit ? { limit: options.limit } : {}),
      ...(minKappa !== undefined ? { minKappa } : {}),
      ...(options.bootstrap ? { bootstrap: options.bootstrap } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      redact: (text) => redactSecrets(text, secrets),
    });
  } finally {
    await Promise.all(models.map((m) => m.close?.()));
  }
}
