import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import type { EpochSpread } from '@sc-safety/results';
import { formatInterval, formatPercent, formatScore } from '@sc-safety/results';
import type { ReportAgreement } from '../../common/report-data.js';
import { EChart, tooltipNode } from '../components/echart.js';
import { Panel } from '../components/panel.js';
import { PlainTable } from '../components/plain-table.js';
import type { Column } from '../components/plain-table.js';
import { Stat } from '../components/stat.js';
import { useReport } from '../context.js';

const CAT_COLORS: Record<string, string> = {
  traditional_safety: '#3b6fb6',
  responsible_ai: '#2f9e7a',
  instruction_attack: '#c0633a',
};
const ROUND_COLORS = ['#5b8def', '#f0a23b'];
const FONT = '"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif';
const base = { textStyle: { fontFamily: FONT }, tooltip: { confine: true } };

type Param = { seriesName?: string; name?: string; value?: unknown; data?: unknown };
const one = (p: unknown): Param => (Array.isArray(p) ? (p[0] as Param) : (p as Param));

/** A tooltip for the hovered item (a cell, a point): `content(params)` gives its title and lines. */
const itemTooltip = (content: (p: Param) => [title: string, lines: string[]]) => ({
  confine: true,
  formatter: (p: unknown) => tooltipNode(...content(one(p))),
});

/** A tooltip for the hovered category (a model): its name over `lines(name, params)`. */
const axisTooltip = (lines: (name: string, params: Param[]) => string[]) => ({
  trigger: 'axis',
  confine: true,
  formatter: (ps: unknown) => {
    const list = ps as Param[];
    const name = list[0]?.name ?? '';
    return tooltipNode(name, lines(name, list));
  },
});

/** Horizontal bars of percentages, one row per model (top to bottom in `models` order), legend on top. */
const percentBars = (models: string[], lines: (model: string) => string[], series: object[]): EChartsCoreOption => ({
  ...base,
  legend: { top: 0 },
  grid: { left: 4, right: 24, top: 30, bottom: 4, containLabel: true },
  tooltip: axisTooltip(lines),
  xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
  yAxis: { type: 'category', data: models, inverse: true },
  series,
});

/** Sub-dimension cells whose interval is wider than this many points are marked as very uncertain. */
const WIDE_INTERVAL_POINTS = 30;

/** The sub-dimension interval of a model's total, when the run has one (older files do not). */
function dimensionCi(run: ReturnType<typeof useReport>['run'], model: string, dim: string) {
  return run.leaderboard.models[model]?.ci?.dimensions?.[dim]?.total ?? null;
}

/** Models × sub-dimensions, coloured by pooled score; labels coloured by category; wide intervals marked `*`. */
function Heatmap() {
  const { run, meta, modelOrder, dimensionName, t } = useReport();
  const wide = useMemo(() => {
    const cells: [string, string][] = [];
    for (const m of modelOrder) {
      for (const d of Object.keys(run.leaderboard.models[m]?.dimensions ?? {})) {
        const ci = dimensionCi(run, m, d);
        if (ci !== null && ci.high - ci.low > WIDE_INTERVAL_POINTS) cells.push([m, d]);
      }
    }
    return cells;
  }, [run, modelOrder]);
  const option = useMemo((): EChartsCoreOption => {
    const isWide = (m: string, d: string) => wide.some(([wm, wd]) => wm === m && wd === d);
    const present = new Set<string>();
    for (const id of modelOrder)
      for (const d of Object.keys(run.leaderboard.models[id]?.dimensions ?? {})) present.add(d);
    const known = meta.dimensions.filter((d) => present.has(d.id)).map((d) => d.id);
    const dims = [...known, ...[...present].filter((d) => !known.includes(d)).sort()];
    const catOf = (d: string) => meta.dimensions.find((x) => x.id === d)?.category ?? '';
    const data: { value: [number, number, number | null]; itemStyle?: object }[] = [];
    let min = 100;
    modelOrder.forEach((m, y) => {
      dims.forEach((d, x) => {
        const v = run.leaderboard.models[m]?.dimensions[d]?.total ?? null;
        if (v !== null) min = Math.min(min, v);
        // A wide interval gets a dashed dark border as well as the `*` on its label.
        const mark = isWide(m, d) ? { itemStyle: { borderColor: '#333', borderWidth: 2, borderType: 'dashed' } } : {};
        data.push({ value: [x, y, v === null ? null : Math.round(v * 100) / 100], ...mark });
      });
    });
    const low = Math.max(0, Math.floor(min / 10) * 10);
    return {
      ...base,
      grid: { left: 8, right: 16, top: 8, bottom: 36, containLabel: true },
      tooltip: itemTooltip((p) => {
        const v = p.value as [number, number, number | null];
        const m = modelOrder[v[1]] ?? '';
        const d = dims[v[0]] ?? '';
        const e = run.leaderboard.models[m]?.dimensions[d];
        const ci = dimensionCi(run, m, d);
        return [
          `${m} · ${dimensionName(d)}`,
          [
            `${t('total')} ${formatScore(e?.total)} ${formatInterval(ci)}${isWide(m, d) ? ' *' : ''}`,
            `${t('round1')} ${formatScore(e?.round1)} · ${t('round2')} ${formatScore(e?.round2)}`,
            `Δ ${formatScore(e?.delta, { signed: true })} (${t('matchedPairs')} ${e?.matchedPairs ?? '—'})`,
          ],
        ];
      }),
      xAxis: {
        type: 'category',
        data: dims.map(dimensionName),
        splitArea: { show: true },
        axisLabel: {
          rotate: 40,
          interval: 0,
          fontSize: 11,
          color: (_: unknown, i: number) => CAT_COLORS[catOf(dims[i] ?? '')] ?? '#555',
        },
      },
      yAxis: { type: 'category', data: modelOrder, inverse: true, axisLabel: { fontSize: 12 } },
      visualMap: {
        min: low,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        right: 16,
        bottom: 0,
        itemWidth: 12,
        itemHeight: 160,
        precision: 0,
        text: ['100', String(low)],
        textGap: 6,
        inRange: { color: ['#c2362f', '#f08c3a', '#f6e27f', '#9fd49b', '#2e9d5b'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: true,
            fontSize: 10,
            formatter: (p: unknown) => {
              const v = one(p).value as [number, number, number | null];
              if (v[2] === null) return '';
              return `${Math.round(v[2])}${isWide(modelOrder[v[1]] ?? '', dims[v[0]] ?? '') ? '*' : ''}`;
            },
          },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { itemStyle: { borderColor: '#222', borderWidth: 1 } },
        },
      ],
    };
  }, [run, meta, modelOrder, dimensionName, t, wide]);
  return (
    <>
      <EChart
        option={option}
        height={170 + modelOrder.length * Math.max(30, 56 - 2 * modelOrder.length)}
        testid="chart-heatmap"
      />
      <p
        className="panel-note"
        data-testid="heatmap-wide"
        data-n={wide.length}
        data-cells={wide.map(([m, d]) => `${m}|${d}`).join('\n')}
      >
        {t('wideCells', { n: wide.length })}
      </p>
    </>
  );
}

/** Each model's three category scores, grouped by model. */
function CategoryProfile() {
  const { run, meta, modelOrder, categoryName } = useReport();
  const option = useMemo(
    (): EChartsCoreOption => ({
      ...base,
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: axisTooltip((_, list) =>
        list.map((p) => `${p.seriesName ?? ''}: ${formatScore(p.value as number | null)}`),
      ),
      xAxis: { type: 'category', data: modelOrder, axisLabel: { interval: 0, rotate: modelOrder.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: meta.categories.map((c) => ({
        type: 'bar',
        name: categoryName(c.id),
        itemStyle: { color: CAT_COLORS[c.id] },
        barMaxWidth: 46,
        data: modelOrder.map(
          (m) =>
            run.leaderboard.models[m]?.categories[c.id as keyof typeof CAT_COLORS & 'traditional_safety']?.total ??
            null,
        ),
      })),
    }),
    [run, meta, modelOrder, categoryName],
  );
  return <EChart option={option} height={320} testid="chart-profile" />;
}

/** Round 1 and round 2 side by side, overall and per category (small multiples). */
function RoundsChart({ scope }: { scope: string }) {
  const { run, modelOrder, t } = useReport();
  const option = useMemo((): EChartsCoreOption => {
    const split = (m: string) => {
      const e = run.leaderboard.models[m];
      return scope === 'all' ? e : e?.categories[scope as 'traditional_safety'];
    };
    return {
      ...base,
      legend: { top: 0, itemWidth: 12 },
      grid: { left: 4, right: 12, top: 30, bottom: 4, containLabel: true },
      tooltip: axisTooltip((m) => {
        const s = split(m);
        return [
          `${t('round1')} ${formatScore(s?.round1)}`,
          `${t('round2')} ${formatScore(s?.round2)}`,
          `Δ ${formatScore(s?.delta, { signed: true })} (${t('matchedPairs')} ${s?.matchedPairs ?? '—'})`,
        ];
      }),
      xAxis: { type: 'value', min: 0, max: 100, interval: 25 },
      yAxis: { type: 'category', data: modelOrder, inverse: true, axisLabel: { fontSize: 11 } },
      series: [
        {
          type: 'bar',
          name: t('round1'),
          itemStyle: { color: ROUND_COLORS[0] },
          barGap: '10%',
          data: modelOrder.map((m) => split(m)?.round1 ?? null),
        },
        {
          type: 'bar',
          name: t('round2'),
          itemStyle: { color: ROUND_COLORS[1] },
          data: modelOrder.map((m) => split(m)?.round2 ?? null),
        },
      ],
    };
  }, [run, modelOrder, scope, t]);
  return (
    <EChart option={option} height={Math.max(220, 70 + modelOrder.length * 34)} testid={`chart-rounds-${scope}`} />
  );
}

/** Flip and recovery rates per model, with their counts in the tooltip. */
function FlipChart() {
  const { run, modelOrder, t } = useReport();
  const option = useMemo((): EChartsCoreOption => {
    const stats = (m: string) => run.leaderboard.models[m]?.pairs.overall;
    const rateSeries = (name: string, color: string, rate: (m: string) => number | null | undefined) => ({
      type: 'bar',
      name,
      itemStyle: { color },
      label: {
        show: true,
        position: 'right',
        fontSize: 10,
        formatter: (p: unknown) => formatPercent((one(p).value as number) / 100),
      },
      data: modelOrder.map((m) => {
        const r = rate(m);
        return r == null ? null : r * 100;
      }),
    });
    return percentBars(
      modelOrder,
      (m) => {
        const s = stats(m);
        const ci = run.leaderboard.models[m]?.ci?.flipRate;
        const range = ci ? ` [${formatPercent(ci.low)}, ${formatPercent(ci.high)}]` : '';
        return [
          `${t('flipRate')} ${formatPercent(s?.flipRate)}${range} (${s?.flips ?? 0}/${s?.bothScored ?? 0})`,
          `${t('recoveryRate')} ${formatPercent(s?.recoveryRate)} (${s?.recoveries ?? 0}/${s?.bothScored ?? 0})`,
        ];
      },
      [
        rateSeries(t('flipRate'), '#d0493f', (m) => stats(m)?.flipRate),
        rateSeries(t('recoveryRate'), '#3a9d6b', (m) => stats(m)?.recoveryRate),
      ],
    );
  }, [run, modelOrder, t]);
  return <EChart option={option} height={Math.max(220, 70 + modelOrder.length * 34)} testid="chart-flip" />;
}

/** Share of each model's answers blocked by the vendor, stacked by stage. */
function BlockChart() {
  const { run, modelOrder, t } = useReport();
  const option = useMemo((): EChartsCoreOption => {
    const counts = (m: string) => run.leaderboard.models[m]?.counts.total;
    const share = (m: string, stage: 'input' | 'output' | 'unknown') => {
      const c = counts(m);
      return c && c.all > 0 ? (100 * c.blocked.byStage[stage]) / c.all : 0;
    };
    const stages = [
      ['input', t('blockInput'), '#7a5bd6'],
      ['output', t('blockOutput'), '#b48ae8'],
      ['unknown', t('blockUnknown'), '#bbb'],
    ] as const;
    return percentBars(
      modelOrder,
      (m) => {
        const c = counts(m);
        return [
          `${t('block')}: ${c?.blocked.total ?? 0} / ${c?.all ?? 0} (${formatPercent(c && c.all > 0 ? c.blocked.total / c.all : null)})`,
          ...stages.map(([s, label]) => `${label}: ${c?.blocked.byStage[s] ?? 0}`),
        ];
      },
      stages.map(([s, label, color]) => ({
        type: 'bar',
        stack: 'b',
        name: label,
        itemStyle: { color },
        data: modelOrder.map((m) => share(m, s)),
      })),
    );
  }, [run, modelOrder, t]);
  return <EChart option={option} height={Math.max(200, 70 + modelOrder.length * 28)} testid="chart-blocks" />;
}

/** Safety total (x) against over-refusal (y), one point per model. */
function OverRefusalScatter() {
  const { run, modelOrder, t } = useReport();
  const section = run.leaderboard.overRefusal;
  const option = useMemo((): EChartsCoreOption => {
    const points = modelOrder
      .map((m) => ({ m, x: run.leaderboard.models[m]?.total ?? null, y: section?.models[m]?.rate ?? null }))
      .filter((p): p is { m: string; x: number; y: number } => p.x !== null && p.y !== null);
    return {
      ...base,
      grid: { left: 8, right: 24, top: 16, bottom: 36, containLabel: true },
      tooltip: itemTooltip((p) => {
        const m = (p.data as { name: string }).name;
        const e = section?.models[m];
        return [
          m,
          [
            `${t('total')}: ${formatScore(run.leaderboard.models[m]?.total ?? null)}`,
            `${t('overRefusal')}: ${formatPercent(e?.rate ?? null)} ${formatInterval(e?.ci ? { low: e.ci.low * 100, high: e.ci.high * 100 } : null)}`,
            `${t('coverage')}: ${formatPercent(e?.coverage ?? null)} (${e?.scored ?? 0}/${e?.all ?? 0})`,
          ],
        ];
      }),
      xAxis: { type: 'value', name: t('total'), nameLocation: 'middle', nameGap: 24, max: 100 },
      yAxis: {
        type: 'value',
        name: t('overRefusal'),
        min: 0,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      series: [
        {
          type: 'scatter',
          symbolSize: 12,
          label: { show: true, position: 'right', formatter: (p: unknown) => (one(p).data as { name: string }).name },
          data: points.map((p) => ({ name: p.m, value: [p.x, p.y] })),
        },
      ],
    };
  }, [run, section, modelOrder, t]);
  return <EChart option={option} height={320} testid="chart-over-refusal" />;
}

/** Between-epoch spread per model asked more than one epoch. */
function EpochSpreadTable() {
  const { run, t } = useReport();
  const spread = run.leaderboard.epochs?.models ?? {};
  const columns: Column<[string, EpochSpread]>[] = [
    { head: t('model'), cell: ([m]) => m },
    { head: t('epochs'), cell: ([, s]) => s.epochs, num: true },
    { head: t('epochUnits'), cell: ([, s]) => s.units, num: true },
    {
      head: t('epochDiffering'),
      cell: ([, s]) => `${s.differing} (${formatPercent(s.differingShare)})`,
      num: true,
    },
    { head: t('epochMeanSd'), cell: ([, s]) => (s.meanSd === null ? '—' : s.meanSd.toFixed(2)), num: true },
  ];
  return <PlainTable columns={columns} rows={Object.entries(spread)} rowKey={([m]) => m} testid="epoch-spread" />;
}

type AgreementPair = NonNullable<ReportAgreement['pairs']>[number];

function Agreement({ agreement }: { agreement: ReportAgreement }) {
  const { t } = useReport();
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
  const columns: Column<AgreementPair>[] = [
    { head: t('judgeA'), cell: (p) => p.judgeA },
    { head: t('judgeB'), cell: (p) => p.judgeB },
    { head: 'n', cell: (p) => p.n, num: true },
    { head: t('exactAgreement'), cell: (p) => formatPercent(p.exact), num: true },
    { head: t('kappa'), cell: (p) => fmt(p.kappa), num: true },
  ];
  return (
    <div data-testid="agreement">
      <div className="stats">
        <Stat label={t('exactAgreement')} value={formatPercent(agreement.exactAgreement)} />
        <Stat label={t('alphaOrdinal')} value={fmt(agreement.alpha?.ordinal)} />
        <Stat label={t('alphaInterval')} value={fmt(agreement.alpha?.interval)} />
        <Stat label={t('units')} value={agreement.units ?? '—'} />
      </div>
      <PlainTable columns={columns} rows={agreement.pairs ?? []} rowKey={(p) => `${p.judgeA}|${p.judgeB}`} />
    </div>
  );
}

/** All the pictures: heatmap, category profile, rounds, flips, blocks, judge agreement. */
export function ChartsView() {
  const { t, run, meta, categoryName } = useReport();
  return (
    <div className="charts">
      <Panel title={t('chartsHeatmap')} testid="panel-heatmap">
        <div className="legend-cats">
          {meta.categories.map((c) => (
            <span key={c.id}>
              <i style={{ background: CAT_COLORS[c.id] }} />
              {categoryName(c.id)}
            </span>
          ))}
        </div>
        <Heatmap />
      </Panel>
      <Panel title={t('chartsProfile')} testid="panel-profile">
        <CategoryProfile />
      </Panel>
      <Panel title={t('chartsRounds')} testid="panel-rounds">
        <div className="small-multiples">
          {['all', ...meta.categories.map((c) => c.id)].map((scope) => (
            <div key={scope} className="small-multiple">
              <h3>{scope === 'all' ? t('boardOverall') : categoryName(scope)}</h3>
              <RoundsChart scope={scope} />
            </div>
          ))}
        </div>
      </Panel>
      <div className="two-col">
        <Panel title={t('chartsFlip')} note={t('chartsFlipNote')} testid="panel-flip">
          <FlipChart />
        </Panel>
        <Panel title={t('chartsBlocks')} note={t('chartsBlocksNote')} testid="panel-blocks">
          <BlockChart />
        </Panel>
      </div>
      {run.leaderboard.overRefusal && (
        <Panel title={t('chartsOverRefusal')} note={t('chartsOverRefusalNote')} testid="panel-over-refusal">
          <OverRefusalScatter />
        </Panel>
      )}
      {run.leaderboard.epochs && (
        <Panel title={t('chartsEpochs')} note={t('chartsEpochsNote')} testid="panel-epochs">
          <EpochSpreadTable />
        </Panel>
      )}
      <Panel title={t('chartsAgreement')} testid="panel-agreement">
        {run.agreement ? <Agreement agreement={run.agreement} /> : <p className="muted">{t('noAgreement')}</p>}
      </Panel>
    </div>
  );
}
