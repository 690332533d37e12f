import type { RunManifest } from '@sc-safety/results';
import { formatCount } from '@sc-safety/results';
import { Panel } from '../components/panel.js';
import { useReport } from '../context.js';

/** A served version's fields, shortest first: id, fingerprint, digest (abbreviated), path. */
function versionText(v: { id?: string; fingerprint?: string; digest?: string; path?: string }): string {
  const digest = v.digest === undefined ? undefined : v.digest.length > 12 ? `${v.digest.slice(0, 12)}…` : v.digest;
  return [v.id, v.fingerprint, digest, v.path].filter((part) => part !== undefined).join(' · ');
}

/**
 * The manifest's run warnings and per-model served versions (what each vendor reported as
 * answering, with answer counts), marking a model whose served version changed mid-run. Nothing
 * for files written before these fields existed.
 */
export function ServedModelsSection({ manifest }: { manifest: Pick<RunManifest, 'servedModels' | 'warnings'> }) {
  const { t } = useReport();
  const served = Object.entries(manifest.servedModels ?? {});
  const warnings = manifest.warnings ?? [];
  return (
    <>
      {warnings.length > 0 && (
        <Panel title={t('runWarnings')} testid="run-warnings">
          <ul>
            {warnings.map((w, i) => (
              <li key={i} className="warn">
                <code>{w.code}</code> {w.message}
              </li>
            ))}
          </ul>
        </Panel>
      )}
      {served.some(([, s]) => s.versions.length > 0) && (
        <Panel title={t('servedModels')} testid="served-models">
          <table className="plain">
            <thead>
              <tr>
                <th>{t('model')}</th>
                <th>{t('servedVersion')}</th>
                <th className="num">{t('answers')}</th>
              </tr>
            </thead>
            <tbody>
              {served.flatMap(([id, s]) => [
                ...s.versions.map((v, i) => (
                  <tr key={`${id}:${i}`} className={s.changed ? 'warn' : ''}>
                    <td className="model-name">
                      {i === 0 ? id : ''}
                      {i === 0 && s.changed ? ` ⚠ ${t('servedChanged')}` : ''}
                    </td>
                    <td className="mono small wrap">{versionText(v)}</td>
                    <td className="num">{formatCount(v.answers)}</td>
                  </tr>
                )),
                ...(s.unreported > 0
                  ? [
                      <tr key={`${id}:none`}>
                        <td className="model-name">{s.versions.length === 0 ? id : ''}</td>
                        <td className="muted">{t('servedUnreported')}</td>
                        <td className="num">{formatCount(s.unreported)}</td>
                      </tr>,
                    ]
                  : []),
              ])}
            </tbody>
          </table>
        </Panel>
      )}
    </>
  );
}
