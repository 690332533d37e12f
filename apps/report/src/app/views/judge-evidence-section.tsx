import type { CalibrationReport, Estimate } from '@sc-safety/core';
import type { RunManifest } from '@sc-safety/results';
import { formatCount } from '@sc-safety/results';
import { Panel } from '../components/panel.js';
import { useReport } from '../context.js';

const num = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(3));
const withCi = (e: Estimate | { value: number | null; low: number | null; high: number | null }): string =>
  e.value === null
    ? '—'
    : e.low === null || e.high === null
      ? num(e.value)
      : `${num(e.value)} [${num(e.low)}, ${num(e.high)}]`;
const pct = (e: { value: number | null; low: number | null; high: number | null }): string =>
  e.value === null
    ? '—'
    : `${(e.value * 100).toFixed(1)}%${e.low !== null && e.high !== null ? ` [${(e.low * 100).toFixed(1)}, ${(e.high * 100).toFixed(1)}]` : ''}`;

/**
 * What the run says about its judge: the judge check the config required (manifest.judge.check)
 * and the calibration against human raters (results.json `calibration`). Nothing for runs with
 * neither.
 */
export function JudgeEvidenceSection({
  manifest,
  calibration,
}: {
  manifest: Pick<RunManifest, 'judge'>;
  calibration: CalibrationReport | null | undefined;
}) {
  const { t } = useReport();
  const check = manifest.judge?.check;
  if (check === undefined && !calibration) return null;
  return (
    <Panel title={t('judgeEvidence')} testid="judge-evidence">
      {check !== undefined && (
        <>
          <h3>{t('judgeCheckTitle')}</h3>
          <p className={check.passed ? '' : 'warn'}>
            {t('judgeCheckLine', {
              set: `${check.set.ref}${check.set.version ? ` (${check.set.version})` : ''}`,
              cases: formatCount(check.set.cases),
              kappa: withCi(check.kappa),
              accuracy: pct(check.accuracy),
              unsafe: pct(check.unsafeAgreement),
              min: check.minKappa,
            })}
          </p>
          <p className="muted small">{t('authoredNote')}</p>
        </>
      )}
      {calibration && (
        <>
          <h3>{t('calibrationTitle')}</h3>
          <p>
            {t('calibrationRaters', {
              raters: calibration.labels.raters.length,
              answers: formatCount(calibration.answers),
              multi: formatCount(calibration.multiplyRated),
            })}
          </p>
          <table className="plain" data-testid="calibration">
            <thead>
              <tr>
                <th />
                <th className="num">n</th>
                <th>κ / α [95% CI]</th>
                <th>{t('accuracyLabel')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('humanAlpha')}</td>
                <td className="num">{formatCount(calibration.multiplyRated)}</td>
                <td>{withCi(calibration.humanAlpha)}</td>
                <td />
              </tr>
              {[['overall', calibration.judgeVsMajority] as const, ...Object.entries(calibration.categories)].map(
                ([scope, m]) => (
                  <tr key={scope}>
                    <td>
                      {t('judgeVsMajority')} · {scope}
                    </td>
                    <td className="num">{formatCount(m.n)}</td>
                    <td>{withCi(m.kappa)}</td>
                    <td>{pct(m.accuracy)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
