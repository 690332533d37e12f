import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReportAnswer } from '../../common/report-data.js';
import { ANSWER_OUTCOMES } from '@sc-safety/results';
import { AnswerDetail } from '../components/answer-detail.js';
import { OutcomeBadge, ScoreChip } from '../components/badges.js';
import { searchTerms } from '../components/highlight.js';
import { VirtualList } from '../components/virtual-list.js';
import { useReport } from '../context.js';
import type { MessageKey } from '../lib/i18n.js';
import { filterAnswers, filterFromParams } from '../lib/filter-answers.js';
import { useAnswers } from '../lib/use-answers.js';

const ROW_HEIGHT = 62;

function Select({
  value,
  onChange,
  options,
  label,
  testid,
}: {
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
  label: string;
  testid: string;
}) {
  return (
    <select
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      data-testid={testid}
      className={value ? 'filter active' : 'filter'}
    >
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** Filters, a windowed list of answers and the selected exchange in full. */
export function TranscriptsView() {
  const { runIndex, route, navigate, t, run, meta, modelOrder, categoryName, dimensionName, lang } = useReport();
  const { answers, error } = useAnswers(runIndex);
  const params = route.params;
  const filter = useMemo(() => filterFromParams(params), [params]);
  const haystacks = useRef<(string | undefined)[]>([]);
  const [query, setQuery] = useState(params.q ?? '');
  useEffect(() => setQuery(params.q ?? ''), [params.q]);

  const setParam = (key: string, value: string, replace = false) => {
    const next: Record<string, string> = { ...params, [key]: value };
    delete next.sel;
    if (key === 'cat' && value !== '') {
      const dim = next.dim;
      if (dim && meta.dimensions.find((d) => d.id === dim)?.category !== value) next.dim = '';
    }
    navigate({ ...route, params: next }, { replace });
  };
  useEffect(() => {
    if (query === (params.q ?? '')) return;
    const timer = setTimeout(() => setParam('q', query, true), 200);
    return () => clearTimeout(timer);
  }, [query]);

  const filtered = useMemo(() => (answers ? filterAnswers(answers, filter, haystacks.current) : []), [answers, filter]);
  const round1Prompt = useMemo(() => {
    const map = new Map<string, string | null>();
    for (const a of answers ?? []) if (a.round === 1) map.set(`${a.model}\u0000${a.itemId}`, a.prompt);
    return map;
  }, [answers]);
  // Without a selection, show the first match, so the pane is never empty while there are results.
  // A selection outside the current filter falls back to the first match too.
  const requestedPos = params.sel !== undefined ? filtered.indexOf(Number(params.sel)) : -1;
  const selectedPos = requestedPos >= 0 ? requestedPos : filtered.length > 0 ? 0 : -1;
  const selected = selectedPos >= 0 ? answers?.[filtered[selectedPos]!] : undefined;
  const terms = searchTerms(filter.query);

  const dims = useMemo(() => {
    const present = new Set((answers ?? []).map((a) => a.dimension));
    const ordered = meta.dimensions
      .filter((d) => present.has(d.id) && (!filter.category || d.category === filter.category))
      .map((d) => d.id);
    const extra = [...present].filter((d) => !ordered.includes(d) && !meta.dimensions.some((x) => x.id === d));
    return [...ordered, ...extra];
  }, [answers, meta, filter.category]);

  if (error)
    return (
      <p className="boot error">
        {t('loadFailed')}: {error}
      </p>
    );
  const rubricScores = Array.from({ length: run.leaderboard.rubric.max - run.leaderboard.rubric.min + 1 }, (_, i) =>
    String(run.leaderboard.rubric.min + i),
  );
  // One select per filter parameter (test id `filter-<param>`): its label and its options, "all" first.
  const filters: [param: string, label: string, options: [string, string][]][] = [
    ['model', t('model'), [['', t('allModels')], ...modelOrder.map((m): [string, string] => [m, m])]],
    [
      'cat',
      t('category'),
      [['', t('allCategories')], ...meta.categories.map((c): [string, string] => [c.id, categoryName(c.id)])],
    ],
    ['dim', t('dimension'), [['', t('allDimensions')], ...dims.map((d): [string, string] => [d, dimensionName(d)])]],
    [
      'round',
      t('round'),
      [
        ['', t('allRounds')],
        ['1', t('roundN', { n: 1 })],
        ['2', t('roundN', { n: 2 })],
      ],
    ],
    [
      'score',
      t('score'),
      [
        ['', t('allScores')],
        ...rubricScores.map((s): [string, string] => [s, `${t('score')} ${s}`]),
        ['none', t('noScoreValue')],
      ],
    ],
    [
      'outcome',
      t('outcome'),
      [['', t('allOutcomes')], ...ANSWER_OUTCOMES.map((o): [string, string] => [o, t(`outcome_${o}` as MessageKey)])],
    ],
    [
      'flag',
      'flag',
      [
        ['', t('anyFlag')],
        ['blocked', t('flagBlocked')],
        ['disagree', t('flagDisagree')],
      ],
    ],
  ];
  const hasFilter = [...filters.map(([param]) => param), 'q'].some((k) => params[k]);

  const renderRow = (pos: number) => {
    const a = answers![filtered[pos]!]!;
    const active = selected?.index === a.index;
    return (
      <button
        className={active ? 'trow active' : 'trow'}
        data-testid="transcript-row"
        data-index={a.index}
        onClick={() => navigate({ ...route, params: { ...params, sel: String(a.index) } }, { replace: true })}
      >
        <div className="trow-top">
          <span className="model-name">{a.model}</span>
          <span className="pill">R{a.round}</span>
          <span className="mono muted trow-item">{a.itemId}</span>
          <span className="trow-dim">{dimensionName(a.dimension)}</span>
          <span className="trow-right">
            {a.outcome !== 'scored' && <OutcomeBadge outcome={a.outcome} />}
            {a.vendorBlocked && <span className="badge badge-blocked">{t('flagBlocked')}</span>}
            <ScoreChip score={a.score} />
          </span>
        </div>
        <div className="trow-text">{snippet(a, t)}</div>
      </button>
    );
  };

  return (
    <section className="transcripts">
      <div className="filters" data-testid="filters">
        <input
          type="search"
          className="search"
          placeholder={t('search')}
          aria-label={t('search')}
          value={query}
          data-testid="search"
          onChange={(e) => setQuery(e.target.value)}
        />
        {filters.map(([param, label, options]) => (
          <Select
            key={param}
            testid={`filter-${param}`}
            label={label}
            value={params[param] ?? ''}
            onChange={(v) => setParam(param, v)}
            options={options}
          />
        ))}
        {hasFilter && (
          <button
            className="clear"
            data-testid="clear-filters"
            onClick={() =>
              navigate({
                ...route,
                params: { ...(params.lang ? { lang: params.lang } : {}), ...(params.run ? { run: params.run } : {}) },
              })
            }
          >
            {t('clearFilters')}
          </button>
        )}
      </div>
      <div className="split">
        <div className="list-pane">
          <div className="list-count" data-testid="result-count" data-n={filtered.length}>
            {answers
              ? t('results', {
                  n: filtered.length.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'),
                  total: answers.length.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'),
                })
              : t('loadingAnswers')}
          </div>
          {answers && filtered.length === 0 && <p className="muted empty">{t('noResults')}</p>}
          {answers && (
            <VirtualList
              count={filtered.length}
              rowHeight={ROW_HEIGHT}
              renderRow={renderRow}
              scrollToIndex={selectedPos}
              testid="transcript-list"
            />
          )}
        </div>
        <div className="detail-pane">
          {selected ? (
            <AnswerDetail
              key={selected.index}
              answer={selected}
              round1Prompt={round1Prompt.get(`${selected.model}\u0000${selected.itemId}`) ?? null}
              terms={terms}
            />
          ) : (
            <p className="muted empty">{t('selectAnswer')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function snippet(a: ReportAnswer, t: (k: MessageKey) => string): string {
  const text = a.text !== '' ? a.text : (a.block?.partialText ?? a.error?.message ?? t('emptyAnswer'));
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
