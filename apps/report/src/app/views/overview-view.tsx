import type { Leaderboard, RunManifest } from '@sc-safety/results';
import { formatCount } from '@sc-safety/results';
import { BoardTable, boundsText, hasGroups } from '../components/board-table.js';
import { PairwiseMatrix, groupLine } from '../components/pairwise-matrix.js';
import { Stat } from '../components/stat.js';
import { useReport } from '../context.js';
import type { MessageKey } from '../lib/i18n.js';
import { AdaptiveBoardSection } from './adaptive-board-section.js';

/** The board tabs: the authors' 总榜, 开源榜, 多轮交互榜 and one per category. */
function boardsOf(run: ReturnType<typeof useReport>['run']): { key: string; board: Leaderboard }[] {
  const b = run.leaderboard.boards;
  return [
    { key: 'overall', board: b.overall },
    { key: 'open', board: b.openSource },
    { key: 'multi', board: b.multiRound },
    ...Object.entries(b.categories).map(([id, board]) => ({ key: `cat:${id}`, board })),
  ];
}

/** The warning shown above the boards of a run that did not complete. */
const STATUS_NOTICES: Partial<Record<RunManifest['status'], MessageKey>> = {
  partial: 'statusPartial',
  failed: 'statusFailed',
  interrupted: 'statusInterrupted',
};

/** Leaderboards with intervals, ties and coverage, under a summary of the run. */
export function OverviewView() {
  const { run, t, lang, route, navigate } = useReport();
  const boards = boardsOf(run);
  const current = boards.find((b) => b.key === route.params.board) ?? boards[0]!;
  const m = run.manifest;
  const isDemo = m.commandLine[1] === 'demo';
  const boardName = (_key: string, board: Leaderboard) => (lang === 'zh' ? board.zh : board.en);
  const tabName = (key: string, board: Leaderboard) =>
    lang === 'zh' ? board.zh : board.en.replace(/ leaderboard$/i, '');
  const bs = run.leaderboard.bootstrap;
  const singles = m.dataset.singleTurn ?? 0;
  const statusNotice = STATUS_NOTICES[m.status];
  // An adaptive run is shown on its own board only: its answers are on no frozen board.
  if (run.adaptiveLeaderboard) {
    return (
      <section className="overview">
        <AdaptiveBoardSection board={run.adaptiveLeaderboard} {...(m.followups ? { followups: m.followups } : {})} />
      </section>
    );
  }
  return (
    <section className="overview">
      {isDemo && (
        <div className="notice notice-demo" role="note">
          {t('demoWarning')}
        </div>
      )}
      {statusNotice && (
        <div className="notice notice-warn" role="note">
          {t(statusNotice)}
        </div>
      )}
      <div className="stats">
        <Stat label={t('models')} value={formatCount(run.models.length)} testid="stat-models" />
        <Stat label={t('pairs')} value={formatCount(m.dataset.itemsRun - singles)} />
        {singles > 0 && <Stat label={t('singleTurn')} value={formatCount(singles)} testid="stat-single-turn" />}
        <Stat label={t('answers')} value={formatCount(run.answerCount)} testid="stat-answers" />
        <Stat label={t('judges')} value={formatCount(m.judges.length)} />
        <div className="stat stat-wide">
          <div className="stat-value mono" title={m.dataset.fingerprint}>
            {m.dataset.ref}
          </div>
          <div className="stat-label">
            {t('dataset')} · {m.dataset.fingerprint.slice(0, 19)}…
          </div>
        </div>
      </div>
      <div className="board-tabs" role="tablist">
        {boards.map(({ key, board }) => (
          <button
            key={key}
            role="tab"
            aria-selected={key === current.key}
            className={key === current.key ? 'board-tab active' : 'board-tab'}
            data-testid={`board-tab-${key}`}
            onClick={() => navigate({ ...route, params: { ...route.params, board: key === 'overall' ? '' : key } })}
          >
            {tabName(key, board)}
          </button>
        ))}
      </div>
      <h2 className="board-title">
        {boardName(current.key, current.board)}
        <span className="board-sub">{lang === 'zh' ? current.board.en : current.board.zh}</span>
      </h2>
      <BoardTable board={current.board} />
      {hasGroups(current.board) && (
        <p className="groups-line" data-testid="groups-line">
          <strong>{t('groupsLine')}:</strong> {groupLine(current.board, t('notDistinguishable'))}
        </p>
      )}
      <ul className="notes">
        <li>{t('deltaNote')}</li>
        {current.board.rows.some((r) => boundsText(r) !== '') && <li>{t('boundsNote')}</li>}
        {hasGroups(current.board) && <li>{t('groupsNote')}</li>}
        <li>{t('tiesNote')}</li>
        <li>{bs ? t('ciNote', { n: bs.iterations, level: bs.level }) : t('noBootstrap')}</li>
        {current.board.rows.some((r) => r.status === 'unranked') && <li>{t('unrankedNote')}</li>}
        {singles > 0 && current.key === 'multi' && (
          <li data-testid="multi-round-pairs-only">
            {t('multiRoundPairsOnly', { pairs: m.dataset.itemsRun - singles, singles })}
          </li>
        )}
        <li>{t('rubric')}</li>
      </ul>
      <PairwiseMatrix board={current.board} />
    </section>
  );
}
