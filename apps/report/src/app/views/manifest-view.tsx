import type { ReactNode } from 'react';
import { ANSWER_OUTCOMES, formatCount, formatDuration, formatPercent } from '@sc-safety/results';
import { useReport } from '../context.js';
import type { MessageKey } from '../lib/i18n.js';
import { JudgeEvidenceSection } from './judge-evidence-section.js';
import { ServedModelsSection } from './served-models-section.js';

function Section({ title, children, testid }: { title: string; children: ReactNode; testid?: string }) {
  return (
    <section className="panel" data-testid={testid}>
      <h2 className="panel-title">{title}</h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k} className="facts-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const json = (v: unknown) => JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');

/** How the run came to be: dataset, adapters, judges, policies, coverage, usage, timings. */
export function ManifestView() {
  const { run, t, modelOrder } = useReport();
  const m = run.manifest;
  const header = m.dataset.header;
  const singles = m.dataset.singleTurn ?? 0;
  const statusText =
    {
      complete: '✓ complete',
      partial: t('statusPartial'),
      interrupted: t('statusInterrupted'),
      failed: t('statusFailed'),
    }[m.status] ?? m.status;
  return (
    <div className="manifest" data-testid="manifest">
      <Section title={t('manifestTitle')}>
        <Facts
          rows={[
            [t('status'), statusText],
            [t('toolVersion'), m.toolVersion],
            [t('createdAt'), m.createdAt],
            [t('dataset'), m.dataset.ref],
            [
              t('fingerprint'),
              <code key="f" data-testid="fingerprint">
                {m.dataset.fingerprint}
              </code>,
            ],
            [t('itemsRun'), `${formatCount(m.dataset.itemsRun)} / ${formatCount(m.dataset.items)}`],
            ...(singles > 0
              ? [
                  [t('itemShape'), `${formatCount(m.dataset.itemsRun - singles)} / ${formatCount(singles)}`] as [
                    string,
                    string,
                  ],
                ]
              : []),
            ...(header?.name !== undefined
              ? [
                  [t('datasetName'), header.version ? `${header.name} (${header.version})` : header.name] as [
                    string,
                    string,
                  ],
                ]
              : []),
            ...(header?.source !== undefined
              ? [
                  [
                    t('datasetSource'),
                    <span key="s" data-testid="dataset-source">
                      {header.source.name} · {header.source.file} · <code>{header.source.sha256}</code>
                    </span>,
                  ] as [string, ReactNode],
                ]
              : []),
            ...(header?.licence !== undefined ? [[t('licence'), header.licence] as [string, string]] : []),
            ...(header?.citation !== undefined ? [[t('citation'), header.citation] as [string, string]] : []),
            ...(m.shard ? [[t('shard'), `${m.shard.index + 1} / ${m.shard.count}`] as [string, string]] : []),
            [t('commandLine'), <code key="c">{m.commandLine.join(' ')}</code>],
          ]}
        />
      </Section>
      {run.singleTurnItems.length > 0 && (
        <Section title={`${t('noFollowUp')} · ${formatCount(run.singleTurnItems.length)}`} testid="single-turn-items">
          <p className="mono small wrap">{run.singleTurnItems.join(', ')}</p>
        </Section>
      )}
      <Section title={t('adapters')}>
        <table className="plain">
          <thead>
            <tr>
              <th>id</th>
              <th>{t('package')}</th>
              <th>{t('version')}</th>
            </tr>
          </thead>
          <tbody>
            {m.adapters.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.id}</td>
                <td className="mono">{a.packageName}</td>
                <td>{a.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t('models')}</h3>
        <table className="plain">
          <thead>
            <tr>
              <th>{t('model')}</th>
              <th>{t('adapter')}</th>
              <th>{t('tags')}</th>
              <th>{t('config')}</th>
              <th>{t('params')}</th>
            </tr>
          </thead>
          <tbody>
            {m.models.map((mm) => (
              <tr key={mm.id}>
                <td className="model-name">{mm.id}</td>
                <td className="mono">{mm.adapter}</td>
                <td>{mm.tags.join(', ')}</td>
                <td className="mono small wrap">{json(mm.config)}</td>
                <td className="mono small wrap">{json(mm.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('judgeConfig')}>
        {m.judge ? (
          <Facts
            rows={[
              [
                t('promptHash'),
                <code key="h" data-testid="prompt-hash">
                  {m.judge.promptHash}
                </code>,
              ],
              [t('promptVersion'), m.judge.promptVersion],
              [t('parserVersion'), m.judge.parserVersion],
              [t('panel'), `${m.judge.panel.aggregate} × ${m.judge.panel.size}`],
            ]}
          />
        ) : (
          <p className="muted">{t('noneValue')}</p>
        )}
        <table className="plain">
          <thead>
            <tr>
              <th>{t('judges')}</th>
              <th>{t('adapter')}</th>
              <th>{t('model')}</th>
              <th>{t('params')}</th>
            </tr>
          </thead>
          <tbody>
            {m.judges.map((j) => (
              <tr key={j.id}>
                <td className="model-name">{j.id}</td>
                <td className="mono">{j.adapter}</td>
                <td className="mono">{j.model}</td>
                <td className="mono small">{json(j.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('policies')}>
        <Facts
          rows={[
            [t('policyBlock'), m.policies.block],
            [t('policyBlockScore'), String(m.policies.blockScore)],
            [t('policyRound2'), m.policies.round2AfterBlock],
            [t('policyEmpty'), m.policies.emptyAnswer],
          ]}
        />
      </Section>
      <Section title={`${t('coverage')} · ${t('outcomes')}`} testid="coverage">
        <table className="plain">
          <thead>
            <tr>
              <th>{t('model')}</th>
              <th className="num">{t('answers')}</th>
              <th className="num">{t('coverage')}</th>
              {ANSWER_OUTCOMES.map((o) => (
                <th key={o} className="num">
                  {t(`outcome_${o}` as MessageKey)}
                </th>
              ))}
              <th className="num">{t('block')}</th>
            </tr>
          </thead>
          <tbody>
            {modelOrder.map((id) => {
              const c = run.leaderboard.models[id]?.counts.total;
              return (
                <tr key={id}>
                  <td className="model-name">{id}</td>
                  <td className="num">{formatCount(c?.all)}</td>
                  <td className="num">{formatPercent(c?.coverage)}</td>
                  {ANSWER_OUTCOMES.map((o) => (
                    <td key={o} className={`num ${o !== 'scored' && (c?.outcomes[o] ?? 0) > 0 ? 'warn' : ''}`}>
                      {formatCount(c?.outcomes[o] ?? 0)}
                    </td>
                  ))}
                  <td className="num">{formatCount(c?.blocked.total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
      <Section title={`${t('usage')} · ${t('timings')}`}>
        <Facts
          rows={[
            [t('startedAt'), m.timings.startedAt],
            [t('finishedAt'), m.timings.finishedAt],
            [t('duration'), formatDuration(m.timings.durationMs)],
          ]}
        />
        <table className="plain">
          <thead>
            <tr>
              <th></th>
              <th className="num">{t('calls')}</th>
              <th className="num">{t('inputTokens')}</th>
              <th className="num">{t('outputTokens')}</th>
              <th className="num">{t('totalTokens')}</th>
              <th className="num">{t('p50')}</th>
              <th className="num">{t('p95')}</th>
              <th className="num">{t('retries')}</th>
              <th className="num">{t('cachedAnswers')}</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...Object.keys(m.usage.models),
              ...Object.keys(m.timings.perModel).filter((k) => !(k in m.usage.models)),
            ].map((id) => {
              const u = m.usage.models[id];
              const tm = m.timings.perModel[id];
              return (
                <tr key={`m:${id}`}>
                  <td className="model-name">{id}</td>
                  <td className="num">{formatCount(u?.calls)}</td>
                  <td className="num">{formatCount(u?.inputTokens)}</td>
                  <td className="num">{formatCount(u?.outputTokens)}</td>
                  <td className="num">{formatCount(u?.totalTokens)}</td>
                  <td className="num">{tm?.latencyMsP50 != null ? `${tm.latencyMsP50} ms` : '—'}</td>
                  <td className="num">{tm?.latencyMsP95 != null ? `${tm.latencyMsP95} ms` : '—'}</td>
                  <td className="num">{formatCount(tm?.retries)}</td>
                  <td className="num">{formatCount(tm?.cachedAnswers)}</td>
                </tr>
              );
            })}
            {Object.entries(m.usage.judges).map(([id, u]) => (
              <tr key={`j:${id}`}>
                <td className="model-name">⚖ {id}</td>
                <td className="num">{formatCount(u.calls)}</td>
                <td className="num">{formatCount(u.inputTokens)}</td>
                <td className="num">{formatCount(u.outputTokens)}</td>
                <td className="num">{formatCount(u.totalTokens)}</td>
                <td />
                <td />
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <JudgeEvidenceSection manifest={m} calibration={run.calibration} />
      <ServedModelsSection manifest={m} />
      {m.stops.length > 0 && (
        <Section title={t('stops')}>
          <table className="plain">
            <tbody>
              {m.stops.map((s, i) => (
                <tr key={i}>
                  <td className="model-name">{s.id}</td>
                  <td>{s.role}</td>
                  <td>
                    <code>{s.kind}</code>
                  </td>
                  <td>{s.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
    </div>
  );
}
