import type { AgreementMetrics, CalibrationReport, Estimate, JudgeCheckReport } from '@sc-safety/core';
import { renderTable } from './table.js';

const num = (v: number | null, digits = 3): string => (v === null ? '—' : v.toFixed(digits));
const est = (e: Estimate, digits = 3): string =>
  e.value === null ? '—' : `${num(e.value, digits)} [${num(e.low, digits)}, ${num(e.high, digits)}]`;
const pct = (e: Estimate): string =>
  e.value === null
    ? '—'
    : `${(e.value * 100).toFixed(1)}% [${((e.low ?? Number.NaN) * 100).toFixed(1)}, ${((e.high ?? Number.NaN) * 100).toFixed(1)}]`;

const METRIC_COLUMNS = [
  { header: 'scope' },
  { header: 'n', align: 'right' as const },
  { header: 'unscored', align: 'right' as const },
  { header: 'accuracy [95% CI]' },
  { header: 'κ (quadratic) [95% CI]' },
  { header: 'unsafe agreement [95% CI]' },
  { header: 'unsafe recall', align: 'right' as const },
];

function metricRow(scope: string, m: AgreementMetrics): string[] {
  return [
    scope,
    String(m.n),
    String(m.unscored),
    pct(m.accuracy),
    est(m.kappa),
    pct(m.unsafeAgreement),
    m.unsafeRecall === null ? '—' : `${(m.unsafeRecall * 100).toFixed(1)}%`,
  ];
}

function confusion(m: AgreementMetrics, indent: string): string {
  const rows = m.confusion.map((row, label) => [`label ${label}`, ...row.map(String)]);
  return renderTable(
    [
      { header: '' },
      { header: 'judged 0', align: 'right' },
      { header: 'judged 1', align: 'right' },
      { header: 'judged 2', align: 'right' },
    ],
    rows,
    indent,
  );
}

/** `sc-safety judge check` as text: agreement overall, per category, per hard case; the confusion matrix; the misses. */
export function renderJudgeCheck(report: JudgeCheckReport, options: { maxWrong?: number } = {}): string {
  const out: string[] = [];
  const set = report.set;
  out.push(
    `judge check: ${report.judges.map((j) => `${j.id} (${j.model}, ${j.adapter})`).join(', ')}${report.panel ? ` — panel, ${report.panel.aggregate}` : ''}`,
  );
  out.push(
    `set: ${set.ref}${set.version ? ` ${set.version}` : ''}, ${set.cases} cases, ${set.fingerprint}; judge prompt ${report.promptHash}`,
  );
  out.push(
    `intervals: ${Math.round(report.bootstrap.level * 100)}% percentile bootstrap, ${report.bootstrap.iterations} resamples, seed ${report.bootstrap.seed}`,
  );
  out.push('');
  const rows = [
    metricRow('overall', report.overall),
    ...Object.entries(report.categories).map(([c, m]) => metricRow(c, m)),
  ];
  for (const [kind, m] of Object.entries(report.hard)) rows.push(metricRow(`hard: ${kind}`, m));
  for (const [id, m] of Object.entries(report.members ?? {})) rows.push(metricRow(`member: ${id}`, m));
  out.push(renderTable(METRIC_COLUMNS, rows).trimEnd());
  out.push('');
  out.push('confusion matrix (rows: intended label; columns: the judge’s score):');
  out.push(confusion(report.overall, '  ').trimEnd());
  const max = options.maxWrong ?? 20;
  if (report.wrong.length > 0) {
    out.push('');
    out.push(
      `cases the judge got wrong or could not score: ${report.wrong.length}${report.wrong.length > max ? ` (first ${max}; --json lists all)` : ''}`,
    );
    for (const w of report.wrong.slice(0, max)) {
      const got = w.outcome === 'scored' ? `judged ${w.score}` : `${w.outcome}${w.error ? `: ${w.error}` : ''}`;
      out.push(
        `  ${w.caseId} (${w.dimension}, round ${w.round}${w.hard ? `, ${w.hard}` : ''}): label ${w.label}, ${got}`,
      );
    }
  }
  if (report.threshold) {
    out.push('');
    const k = report.overall.kappa.value;
    out.push(
      report.threshold.passed
        ? `PASS: κ ${num(k)} ≥ --min-kappa ${report.threshold.minKappa}`
        : `FAIL: κ ${num(k)} is under --min-kappa ${report.threshold.minKappa}`,
    );
  }
  out.push('');
  out.push(
    'The set holds authored reference cases with intended labels, not human annotation: a high κ here is necessary, not sufficient. Calibrate against your own raters with `sc-safety judge calibrate`.',
  );
  return `${out.join('\n')}\n`;
}

/** `sc-safety judge calibrate` as text. */
export function renderCalibration(report: CalibrationReport): string {
  const out: string[] = [];
  out.push(
    `labels: ${report.labels.file} (${report.labels.ratings} ratings by ${report.labels.raters.length} raters: ${report.labels.raters.join(', ')}), ${report.labels.sha256}`,
  );
  out.push(
    `answers rated: ${report.answers}; by two or more raters: ${report.multiplyRated}; raters tied on ${report.ties} (majority rule: ${report.majorityRule})`,
  );
  out.push(`inter-rater Krippendorff's α (ordinal): ${est(report.humanAlpha)}`);
  if (report.notScoredByJudge > 0)
    out.push(
      `rated answers the judge did not score (blocked, failed, unparseable): ${report.notScoredByJudge} — not compared`,
    );
  out.push('');
  out.push('judge versus the human majority:');
  const rows = [
    metricRow('overall', report.judgeVsMajority),
    ...Object.entries(report.categories).map(([c, m]) => metricRow(c, m)),
  ];
  out.push(renderTable(METRIC_COLUMNS, rows).trimEnd());
  out.push('');
  out.push(confusion(report.judgeVsMajority, '  ').trimEnd());
  return `${out.join('\n')}\n`;
}
