import { DatasetError } from '../dataset/errors.js';
import type { DatasetIssue } from '../dataset/types.js';
import type { ResultsAnswer } from '@sc-safety/results';
import { krippendorffAlpha } from '../judge/krippendorff-alpha.js';
import { aggregatePanel } from '../judge/panel.js';
import { DEFAULT_BOOTSTRAP_ITERATIONS, DEFAULT_BOOTSTRAP_SEED, DEFAULT_CONFIDENCE_LEVEL } from '@sc-safety/results';
import { createPrng } from '@sc-safety/results';
import { percentileInterval } from '@sc-safety/results';
import { agreementByGroup, agreementMetrics, type AgreementBootstrap } from './agreement-metrics.js';
import type { LabelFile } from './read-labels.js';
import type { AgreementMetrics, Estimate } from './types.js';

/** How far a run's judge agrees with people, as written into results.json (`calibration`). */
export interface CalibrationReport {
  labels: { file: string; sha256: string; ratings: number; raters: string[] };
  /** Answers with at least one human rating. */
  answers: number;
  /** Answers rated by two or more people (the ones inter-rater α is computed from). */
  multiplyRated: number;
  /** Krippendorff's α (ordinal) among the human raters. */
  humanAlpha: Estimate;
  /**
   * The rule that turns several ratings of an answer into one reference label: the most common
   * score; on a tie, the median, taking the lower middle score (the stricter reading).
   */
  majorityRule: 'mode, ties to the lower median';
  /** Answers whose raters tied (the rule above decided). */
  ties: number;
  /** The run's (panel) judge against the human majority, over answers the judge scored. */
  judgeVsMajority: AgreementMetrics;
  categories: Record<string, AgreementMetrics>;
  /** Rated answers the judge could not score (blocked, errors, unparseable): not compared. */
  notScoredByJudge: number;
  bootstrap: { iterations: number; seed: number; level: number };
}

const identity = (a: Pick<ResultsAnswer, 'model' | 'itemId' | 'round'>) =>
  `${a.model}\u0000${a.itemId}\u0000${a.round}`;

/**
 * Compares human labels with a run's judge verdicts (`sc-safety judge calibrate`). Every label
 * must name an answer of the run; one that does not is an error naming its line.
 *
 * @throws DatasetError listing every label that names no answer of the run.
 */
export function calibrateRun(
  answers: Iterable<ResultsAnswer>,
  labelFile: LabelFile,
  bootstrap: AgreementBootstrap = {},
): CalibrationReport {
  const byKey = new Map<string, ResultsAnswer>();
  const byIdentity = new Map<string, ResultsAnswer>();
  const wantedKeys = new Set(labelFile.labels.flatMap((l) => (l.answerKey ? [l.answerKey] : [])));
  const wantedIds = new Set(
    labelFile.labels.flatMap((l) =>
      l.answerKey ? [] : [identity(l as Required<Pick<typeof l, 'model' | 'itemId' | 'round'>>)],
    ),
  );
  for (const a of answers) {
    if (a.answerKey !== undefined && wantedKeys.has(a.answerKey)) byKey.set(a.answerKey, a);
    if (wantedIds.has(identity(a))) byIdentity.set(identity(a), a);
  }
  const problems: DatasetIssue[] = [];
  const ratings = new Map<ResultsAnswer, Map<string, number>>();
  for (const label of labelFile.labels) {
    const answer =
      label.answerKey !== undefined
        ? byKey.get(label.answerKey)
        : byIdentity.get(identity(label as Required<typeof label>));
    if (answer === undefined) {
      const named =
        label.answerKey !== undefined
          ? `answerKey "${label.answerKey}"`
          : `model "${label.model}", item "${label.itemId}", round ${label.round}`;
      problems.push({
        file: labelFile.file,
        line: label.line,
        field: label.answerKey !== undefined ? 'answerKey' : 'itemId',
        severity: 'error',
        message: `${named} is not an answer of this run; copy the key from results.json or check the model id`,
      });
      continue;
    }
    let forAnswer = ratings.get(answer);
    if (forAnswer === undefined) ratings.set(answer, (forAnswer = new Map()));
    if (forAnswer.has(label.rater)) {
      problems.push({
        file: labelFile.file,
        line: label.line,
        field: 'rater',
        severity: 'error',
        message: `rater "${label.rater}" rated this answer twice (once by key, once by model/item/round)`,
      });
      continue;
    }
    forAnswer.set(label.rater, label.score);
  }
  if (problems.length > 0) throw new DatasetError(problems);

  const raters = [...new Set(labelFile.labels.map((l) => l.rater))].sort();
  const units = [...ratings.values()].map((m) => raters.map((r) => m.get(r) ?? null));
  const compared: { label: number; score: number | null; category: string }[] = [];
  let ties = 0;
  let notScored = 0;
  for (const [answer, m] of ratings) {
    const panel = aggregatePanel(
      [...m].map(([rater, score]) => ({ judgeId: rater, outcome: 'scored' as const, score })),
      'majority',
    );
    if (panel.tieBrokenByMedian) ties++;
    if (answer.outcome !== 'scored' || answer.score === null) {
      notScored++;
      continue;
    }
    compared.push({ label: panel.score!, score: answer.score, category: answer.category });
  }
  return {
    labels: { file: labelFile.file, sha256: labelFile.sha256, ratings: labelFile.labels.length, raters },
    answers: ratings.size,
    multiplyRated: [...ratings.values()].filter((m) => m.size >= 2).length,
    humanAlpha: alphaEstimate(units, bootstrap),
    majorityRule: 'mode, ties to the lower median',
    ties,
    judgeVsMajority: agreementMetrics(compared, bootstrap),
    categories: agreementByGroup(compared, (c) => c.category, bootstrap),
    notScoredByJudge: notScored,
    bootstrap: {
      iterations: bootstrap.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS,
      seed: bootstrap.seed ?? DEFAULT_BOOTSTRAP_SEED,
      level: bootstrap.level ?? DEFAULT_CONFIDENCE_LEVEL,
    },
  };
}

/** α with a percentile bootstrap over answers (units); resamples where α is undefined are skipped. */
function alphaEstimate(units: (number | null)[][], bootstrap: AgreementBootstrap): Estimate {
  const value = krippendorffAlpha(units, 'ordinal');
  const iterations = bootstrap.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS;
  const reps: number[] = [];
  if (iterations > 0 && value !== null) {
    const prng = createPrng(bootstrap.seed ?? DEFAULT_BOOTSTRAP_SEED);
    const sample: (number | null)[][] = new Array<(number | null)[]>(units.length);
    for (let r = 0; r < iterations; r++) {
      for (let i = 0; i < units.length; i++) sample[i] = units[prng.nextInt(units.length)]!;
      const a = krippendorffAlpha(sample, 'ordinal');
      if (a !== null) reps.push(a);
    }
  }
  const interval =
    reps.length > 0 ? percentileInterval(Float64Array.from(reps), bootstrap.level ?? DEFAULT_CONFIDENCE_LEVEL) : null;
  return { value, low: interval?.low ?? null, high: interval?.high ?? null };
}
