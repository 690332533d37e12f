import type { Leaderboard, LeaderboardRow } from '@sc-safety/results';
import { formatInterval, formatPercent, formatScore } from '@sc-safety/results';
import { useReport } from '../context.js';
import { Tag } from './badges.js';

/** A score with its interval drawn on a shared scale, so overlapping intervals are visible. */
function CiBar({
  score,
  ci,
  lo,
  hi,
}: {
  score: number | null;
  ci: { low: number; high: number } | null;
  lo: number;
  hi: number;
}) {
  if (score === null) return null;
  const span = hi - lo || 1;
  const pos = (v: number) => `${Math.max(0, Math.min(100, ((v - lo) / span) * 100))}%`;
  return (
    <span className="cibar" aria-hidden="true">
      {ci && (
        <span className="cibar-range" style={{ left: pos(ci.low), width: `calc(${pos(ci.high)} - ${pos(ci.low)})` }} />
      )}
      <span className="cibar-dot" style={{ left: pos(score) }} />
    </span>
  );
}

function RankCell({ row }: { row: LeaderboardRow }) {
  const { t } = useReport();
  if (row.status === 'unranked')
    return (
      <span className="rank rank-unranked" title={t('unrankedNote')}>
        —
      </span>
    );
  if (row.status === 'no-score') return <span className="rank">—</span>;
  return (
    <span className="rank" title={row.tied ? t('tied') : undefined}>
      {row.rank}
      {row.tied && <span className="tie-mark">=</span>}
    </span>
  );
}

const signedClass = (v: number | null) => (v === null ? '' : v < -0.005 ? 'neg' : v > 0.005 ? 'pos' : '');

/** Worst–best case of the row's total below full coverage (`57.1–71.4`), '' otherwise (older files have none). */
export function boundsText(row: Pick<LeaderboardRow, 'coverage'> & { bounds?: LeaderboardRow['bounds'] }): string {
  const b = row.bounds;
  if (b === undefined || b === null || row.coverage === null || row.coverage >= 1) return '';
  return `${b.worst.toFixed(1)}–${b.best.toFixed(1)}`;
}

/** Whether a board has groups of not-distinguishable models (older files do not). */
export const hasGroups = (board: Leaderboard): boolean =>
  board.rows.some((r) => r.group !== undefined && r.group !== null);

/**
 * One of the authors' boards, numbers exactly as results.json has them (two decimals, half up).
 * Ties get `=`, "listed, not ranked" rows sit at their score's position without a rank.
 */
export function BoardTable({ board }: { board: Leaderboard }) {
  const { t, run, categoryName } = useReport();
  // Over-refusal sits beside the safety score on every board (contrast items only; never part of it).
  const overRefusal = run.leaderboard.overRefusal;
  const isMulti = board.id === 'multi_round';
  const allScope = board.scope === 'all';
  const cats = run.leaderboard.boards.overall.rows[0]?.categories
    ? Object.keys(run.leaderboard.boards.overall.rows[0].categories)
    : [];
  const lows = board.rows.flatMap((r) => (r.ci ? [r.ci.low] : r.score !== null ? [r.score] : []));
  const lo =
    board.rankedBy === 'delta'
      ? Math.min(...lows, -10)
      : Math.max(0, Math.floor((Math.min(...lows, 100) - 5) / 10) * 10);
  const hi = board.rankedBy === 'delta' ? Math.max(...board.rows.map((r) => r.ci?.high ?? r.score ?? 0), 10) : 100;
  const showBounds = board.rows.some((r) => boundsText(r) !== '');
  const showGroups = hasGroups(board);
  const scoreLabel =
    board.rankedBy === 'total'
      ? t('total')
      : board.rankedBy === 'round2'
        ? t('round2')
        : board.rankedBy === 'delta'
          ? t('delta')
          : t('round1');
  return (
    <div className="table-wrap">
      <table className="board" data-testid="board-table" data-board={board.id}>
        <thead>
          <tr>
            <th className="num">{t('rank')}</th>
            <th>{t('model')}</th>
            <th className="num">{scoreLabel}</th>
            <th className="ci-col">{t('ci')}</th>
            {showBounds && <th className="num">{t('bounds')}</th>}
            {showGroups && <th className="num">{t('group')}</th>}
            <th className="num">{t('rankCi')}</th>
            <th className="num">{t('round1')}</th>
            <th className="num">{t('round2')}</th>
            <th className="num">{t('delta')}</th>
            <th className="num" title={t('matchedPairsTitle')}>
              {t('matchedPairs')}
            </th>
            {isMulti && <th className="num">{t('flipRate')}</th>}
            {isMulti && <th className="num">{t('recoveryRate')}</th>}
            {allScope &&
              !isMulti &&
              cats.map((c) => (
                <th key={c} className="num">
                  {categoryName(c)}
                </th>
              ))}
            <th className="num">{t('coverage')}</th>
            {overRefusal && (
              <th className="num" title={t('chartsOverRefusalNote')}>
                {t('overRefusal')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {board.rows.map((row) => {
            const entry = run.leaderboard.models[row.model];
            const pairs = board.scope === 'all' ? entry?.pairs.overall : entry?.pairs.categories[board.scope];
            const scopeCi = board.scope === 'all' ? entry?.ci : entry?.ci?.categories[board.scope];
            const flipCi = scopeCi?.flipRate ?? null;
            const flipRange = flipCi ? `[${formatPercent(flipCi.low)}, ${formatPercent(flipCi.high)}]` : '';
            return (
              <tr
                key={row.model}
                data-model={row.model}
                data-status={row.status}
                className={`status-${row.status}${row.tied ? ' tied' : ''}`}
              >
                <td className="num" data-col="rank">
                  <RankCell row={row} />
                </td>
                <td className="model-cell">
                  <span className="model-name">{row.model}</span>
                  {entry?.tags.includes('open') && <Tag kind="open">{t('open')}</Tag>}
                  {row.status === 'unranked' && <Tag kind="unranked">{t('unranked')}</Tag>}
                  {row.status === 'no-score' && <Tag kind="none">{t('noScore')}</Tag>}
                  {row.tied && <Tag kind="tied">{t('tied')}</Tag>}
                </td>
                <td className="num strong" data-col="score">
                  {formatScore(row.score, { signed: board.rankedBy === 'delta' })}
                </td>
                <td className="ci-col">
                  <CiBar score={row.score} ci={row.ci} lo={lo} hi={hi} />
                  <span className="ci-text" data-col="ci">
                    {formatInterval(row.ci, { signed: board.rankedBy === 'delta' })}
                  </span>
                </td>
                {showBounds && (
                  <td className="num muted" data-col="bounds">
                    {boundsText(row)}
                  </td>
                )}
                {showGroups && (
                  <td className="num" data-col="group">
                    {row.group ?? ''}
                  </td>
                )}
                <td className="num muted" data-col="rankCi">
                  {row.rankCi
                    ? row.rankCi.best === row.rankCi.worst
                      ? `${row.rankCi.best}`
                      : `${row.rankCi.best}–${row.rankCi.worst}`
                    : ''}
                </td>
                <td className="num" data-col="round1">
                  {formatScore(row.round1)}
                </td>
                <td className="num" data-col="round2">
                  {formatScore(row.round2)}
                </td>
                <td className={`num ${signedClass(row.delta)}`} data-col="delta">
                  {formatScore(row.delta, { signed: true })}
                </td>
                <td className="num muted" data-col="matchedPairs">
                  {row.matchedPairs ?? pairs?.bothScored ?? ''}
                </td>
                {isMulti && (
                  <td className="num" data-col="flipRate" title={flipCi ? `${t('ciShort')} ${flipRange}` : undefined}>
                    {formatPercent(pairs?.flipRate)}
                    {flipCi && (
                      <span className="ci-text" data-col="flipCi">
                        {' '}
                        {flipRange}
                      </span>
                    )}
                  </td>
                )}
                {isMulti && (
                  <td className="num" data-col="recoveryRate">
                    {formatPercent(pairs?.recoveryRate)}
                  </td>
                )}
                {allScope &&
                  !isMulti &&
                  cats.map((c) => (
                    <td key={c} className="num" data-col={`cat:${c}`}>
                      {formatScore(row.categories?.[c as keyof typeof row.categories])}
                    </td>
                  ))}
                <td
                  className={`num ${row.coverage !== null && row.coverage < 1 ? 'warn' : 'muted'}`}
                  data-col="coverage"
                >
                  {formatPercent(row.coverage)}
                </td>
                {overRefusal && (
                  <td className="num" data-col="overRefusal">
                    {formatPercent(overRefusal.models[row.model]?.rate)}
                    {overRefusal.models[row.model]?.ci && (
                      <span className="ci-text">
                        {' '}
                        [{formatPercent(overRefusal.models[row.model]!.ci!.low)},{' '}
                        {formatPercent(overRefusal.models[row.model]!.ci!.high)}]
                      </span>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
