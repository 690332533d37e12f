import type { ReactNode } from 'react';
import type { ModelTimings, RunManifest, UsageTotals } from '@sc-safety/results';
import { ANSWER_OUTCOMES, formatCount, formatDuration, formatPercent } from '@sc-safety/results';
import { Panel } from '../components/panel.js';
import { PlainTable } from '../components/plain-table.js';
import type { Column } from '../components/plain-table.js';
import { useReport } from '../context.js';
import type { MessageKey } from '../lib/i18n.js';
import { JudgeEvidenceSection } from './judge-evidence-section.js';
import { ServedModelsSection } from './served-models-section.js';

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

/** A row of the usage table: a model's usage and timings, or a judge's usage. */
interface UsageRow {
  key: string;
  name: string;
  usage: UsageTotals | undefined;
  timing?: ModelTimings | undefined;
  judge: boolean;
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
  const adapterColumns: Column<RunManifest['adapters'][number]>[] = [
    { head: 'id', cell: (a) => a.id, cellClass: 'mono' },
    { head: t('package'), cell: (a) => a.packageName, cellClass: 'mono' },
    { head: t('version'), cell: (a) => a.version },
  ];
  const modelColumns: Column<RunManifest['models'][number]>[] = [
    { head: t('model'), cell: (mm) => mm.id, cellClass: 'model-name' },
    { head: t('adapter'), cell: (mm) => mm.adapter, cellClass: 'mono' },
    { head: t('tags'), cell: (mm) => mm.tags.join(', ') },
    { head: t('config'), cell: (mm) => json(mm.config), cellClass: 'mono small wrap' },
    { head: t('params'), cell: (mm) => json(mm.params), cellClass: 'mono small wrap' },
  ];
  const judgeColumns: Column<RunManifest['judges'][number]>[] = [
    { head: t('judges'), cell: (j) => j.id, cellClass: 'model-name' },
    { head: t('adapter'), cell: (j) => j.adapter, cellClass: 'mono' },
    { head: t('model'), cell: (j) => j.model, cellClass: 'mono' },
    { head: t('params'), cell: (j) => json(j.params), cellClass: 'mono small' },
  ];
  const counts = (id: string) => run.leaderboard.models[id]?.counts.total;
  const coverageColumns: Column<string>[] = [
    { head: t('model'), cell: (id) => id, cellClass: 'model-name' },
    { head: t('answers'), cell: (id) => formatCount(counts(id)?.all), num: true },
    { head: t('coverage'), cell: (id) => formatPercent(counts(id)?.coverage), num: true },
    ...ANSWER_OUTCOMES.map(
      (o): Column<string> => ({
        head: t(`outcome_${o}` as MessageKey),
        cell: (id) => formatCount(counts(id)?.outcomes[o] ?? 0),
        num: true,
        cellClass: (id) => `num ${o !== 'scored' && (counts(id)?.outcomes[o] ?? 0) > 0 ? 'warn' : ''}`,
      }),
    ),
    { head: t('block'), cell: (id) => formatCount(counts(id)?.blocked.total), num: true },
  ];
  // Models (with their timings) first, then the judges (usage only: their timing cells stay empty).
  const usageRows: UsageRow[] = [
    ...[...Object.keys(m.usage.models), ...Object.keys(m.timings.perModel).filter((k) => !(k in m.usage.models))].map(
      (id) => ({ key: `m:${id}`, name: id, usage: m.usage.models[id], timing: m.timings.perModel[id], judge: false }),
    ),
    ...Object.entries(m.usage.judges).map(([id, u]) => ({ key: `j:${id}`, name: `⚖ ${id}`, usage: u, judge: true })),
  ];
  const ms = (v: number | null | undefined) => (v != null ? `${v} ms` : '—');
  const timingColumn = (head: string, cell: (tm: ModelTimings | undefined) => string): Column<UsageRow> => ({
    head,
    cell: (r) => (r.judge ? null : cell(r.timing)),
    num: true,
    cellClass: (r) => (r.judge ? undefined : 'num'),
  });
  const usageColumns: Column<UsageRow>[] = [
    { head: '', cell: (r) => r.name, cellClass: 'model-name' },
    { head: t('calls'), cell: (r) => formatCount(r.usage?.calls), num: true },
    { head: t('inputTokens'), cell: (r) => formatCount(r.usage?.inputTokens), num: true },
    { head: t('outputTokens'), cell: (r) => formatCount(r.usage?.outputTokens), num: true },
    { head: t('totalTokens'), cell: (r) => formatCount(r.usage?.totalTokens), num: true },
    timingColumn(t('p50'), (tm) => ms(tm?.latencyMsP50)),
    timingColumn(t('p95'), (tm) => ms(tm?.latencyMsP95)),
    timingColumn(t('retries'), (tm) => formatCount(tm?.retries)),
    timingColumn(t('cachedAnswers'), (tm) => formatCount(tm?.cachedAnswers)),
  ];
  return (
    <div className="manifest" data-testid="manifest">
      <Panel title={t('manifestTitle')}>
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
      </Panel>
      {run.singleTurnItems.length > 0 && (
        <Panel title={`${t('noFollowUp')} · ${formatCount(run.singleTurnItems.length)}`} testid="single-turn-items">
          <p className="mono small wrap">{run.singleTurnItems.join(', ')}</p>
        </Panel>
      )}
      <Panel title={t('adapters')}>
        <PlainTable columns={adapterColumns} rows={m.adapters} rowKey={(a) => a.id} />
        <h3>{t('models')}</h3>
        <PlainTable columns={modelColumns} rows={m.models} rowKey={(mm) => mm.id} />
      </Panel>
      <Panel title={t('judgeConfig')}>
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
        <PlainTable columns={judgeColumns} rows={m.judges} rowKey={(j) => j.id} />
      </Panel>
      <Panel title={t('policies')}>
        <Facts
          rows={[
            [t('policyBlock'), m.policies.block],
            [t('policyBlockScore'), String(m.policies.blockScore)],
            [t('policyRound2'), m.policies.round2AfterBlock],
            [t('policyEmpty'), m.policies.emptyAnswer],
          ]}
        />
      </Panel>
      <Panel title={`${t('coverage')} · ${t('outcomes')}`} testid="coverage">
        <PlainTable columns={coverageColumns} rows={modelOrder} rowKey={(id) => id} />
      </Panel>
      <Panel title={`${t('usage')} · ${t('timings')}`}>
        <Facts
          rows={[
            [t('startedAt'), m.timings.startedAt],
            [t('finishedAt'), m.timings.finishedAt],
            [t('duration'), formatDuration(m.timings.durationMs)],
          ]}
        />
        <PlainTable columns={usageColumns} rows={usageRows} rowKey={(r) => r.key} />
      </Panel>
      <JudgeEvidenceSection manifest={m} calibration={run.calibration} />
      <ServedModelsSection manifest={m} />
      {m.stops.length > 0 && (
        <Panel title={t('stops')}>
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
        </Panel>
      )}
    </div>
  );
}
