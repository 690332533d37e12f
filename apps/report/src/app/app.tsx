import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReportMeta } from '../common/report-data.js';
import { ReportContext, useReport as useReportSafe } from './context.js';
import type { ReportContextValue } from './context.js';
import { langOf, translator } from './lib/i18n.js';
import { loadMeta } from './lib/load-data.js';
import { formatHash, linkTo, parseHash } from './lib/route.js';
import type { Route } from './lib/route.js';
import { ChartsView } from './views/charts-view.js';
import { ItemView } from './views/item-view.js';
import { ManifestView } from './views/manifest-view.js';
import { OverviewView } from './views/overview-view.js';
import { TranscriptsView } from './views/transcripts-view.js';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; meta: ReportMeta };

function useRoute(): [Route, (r: Route, o?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const hash = formatHash(next);
    if (options.replace === true) {
      window.history.replaceState(null, '', hash);
      setRoute(parseHash(hash));
    } else if (window.location.hash !== hash) {
      window.location.hash = hash;
    }
  }, []);
  return [route, navigate];
}

/** The report: loads the embedded data once, then renders the view the URL names. */
export function App() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [route, navigate] = useRoute();
  const lang = langOf(route.params.lang);
  const t = useMemo(() => translator(lang), [lang]);

  useEffect(() => {
    loadMeta().then(
      (meta) => setState(meta === undefined ? { kind: 'empty' } : { kind: 'ready', meta }),
      (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
  }, [lang, t]);

  const ctx = useMemo((): ReportContextValue | null => {
    if (state.kind !== 'ready') return null;
    const { meta } = state;
    const requested = Number(route.params.run ?? '0');
    const runIndex = Number.isInteger(requested) && requested >= 0 && requested < meta.runs.length ? requested : 0;
    const run = meta.runs[runIndex]!;
    const cats = new Map(meta.categories.map((c) => [c.id, c]));
    const dims = new Map(meta.dimensions.map((d) => [d.id, d]));
    return {
      meta,
      runIndex,
      run,
      lang,
      t,
      route,
      navigate,
      categoryName: (id) => cats.get(id)?.[lang] ?? id,
      dimensionName: (id) => dims.get(id)?.[lang] ?? id,
      modelOrder: run.leaderboard.boards.overall.rows.map((r) => r.model),
    };
  }, [state, route, lang, t, navigate]);

  if (state.kind === 'loading') return <p className="boot">{t('loading')}</p>;
  if (state.kind === 'empty') return <p className="boot">{t('noData')}</p>;
  if (state.kind === 'error' || ctx === null) {
    return (
      <p className="boot error">
        {t('loadFailed')}: {state.kind === 'error' ? state.message : ''}
      </p>
    );
  }
  return (
    <ReportContext.Provider value={ctx}>
      <Header />
      <main className="main" data-view={route.view}>
        {route.view === 'overview' && <OverviewView />}
        {route.view === 'charts' && <ChartsView />}
        {route.view === 'transcripts' && <TranscriptsView key={ctx.runIndex} />}
        {route.view === 'item' && <ItemView key={`${ctx.runIndex}:${route.item ?? ''}`} />}
        {route.view === 'manifest' && <ManifestView />}
      </main>
      <footer className="footer">
        {t('generatedAt')} {ctx.meta.generatedAt} · sc-safety {ctx.run.manifest.toolVersion}
      </footer>
    </ReportContext.Provider>
  );
}

function Header() {
  const { t, route, meta, runIndex, navigate, lang } = useReportSafe();
  const tabs = [
    ['overview', t('navOverview')],
    ['charts', t('navCharts')],
    ['transcripts', t('navTranscripts')],
    ['manifest', t('navManifest')],
  ] as const;
  const otherLang = { ...route, params: { ...route.params, lang: lang === 'zh' ? 'en' : '' } };
  return (
    <header className="header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          SC
        </span>
        <div>
          <div className="brand-title">{t('title')}</div>
          <div className="brand-sub">{t('subtitle')}</div>
        </div>
      </div>
      <nav className="tabs" aria-label="views">
        {tabs.map(([view, label]) => (
          <a
            key={view}
            href={linkTo(route, view)}
            className={route.view === view || (view === 'transcripts' && route.view === 'item') ? 'tab active' : 'tab'}
            data-testid={`nav-${view}`}
          >
            {label}
          </a>
        ))}
      </nav>
      <div className="header-right">
        {meta.runs.length > 1 && (
          <label className="run-picker">
            {t('run')}{' '}
            <select
              value={runIndex}
              data-testid="run-picker"
              onChange={(e) =>
                navigate({
                  view: route.view === 'item' ? 'overview' : route.view,
                  item: null,
                  params: { ...(route.params.lang ? { lang: route.params.lang } : {}), run: e.target.value },
                })
              }
            >
              {meta.runs.map((r, i) => (
                <option key={i} value={i}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <a
          className="lang-switch"
          href={formatHash(otherLang)}
          data-testid="lang-switch"
          lang={lang === 'zh' ? 'en' : 'zh'}
        >
          {t('language')}
        </a>
      </div>
    </header>
  );
}
