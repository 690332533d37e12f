import type { Leaderboard, PairComparison } from '@sc-safety/results';
import { formatInterval, formatScore } from '@sc-safety/results';
import { useReport } from '../context.js';

/** The comparison of `a` with `b` (row − column), flipped when it was stored the other way round. */
function lookup(list: readonly PairComparison[], a: string, b: string): PairComparison | undefined {
  for (const c of list) {
    if (c.a === a && c.b === b) return c;
    if (c.a === b && c.b === a) {
      const difference = c.difference === null ? null : -c.difference;
      return { ...c, a, b, difference, ci: c.ci && { low: -c.ci.high, high: -c.ci.low } };
    }
  }
  return undefined;
}

/**
 * Every two models of a board, row minus column: the paired difference over the answers both
 * scored, `≈` when its interval contains 0 (not distinguishable). Models in board order.
 */
export function PairwiseMatrix({ board }: { board: Leaderboard }) {
  const { run, t } = useReport();
  const comparisons = run.leaderboard.comparisons;
  if (comparisons === undefined) return null;
  const list = board.scope === 'all' ? comparisons.all : comparisons.categories[board.scope];
  const models = board.rows.filter((r) => r.score !== null).map((r) => r.model);
  if (models.length < 2) return null;
  return (
    <section className="pairwise" data-testid="pairwise">
      <h3 className="panel-title">{t('pairwise')}</h3>
      <p className="panel-note">{t('pairwiseNote')}</p>
      <div className="table-wrap">
        <table className="plain pairwise-matrix" data-testid="pairwise-matrix" data-board={board.id}>
          <thead>
            <tr>
              <th />
              {models.map((m) => (
                <th key={m} className="num">
                  {m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {models.map((a) => (
              <tr key={a}>
                <th>{a}</th>
                {models.map((b) => {
                  if (a === b)
                    return (
                      <td key={b} className="num muted">
                        ·
                      </td>
                    );
                  const c = lookup(list, a, b);
                  const same = c?.distinguishable !== true;
                  const verdict = t(same ? 'notDistinguishable' : 'distinguishable');
                  const interval = formatInterval(c?.ci, { signed: true });
                  const shown = `${formatScore(c?.difference ?? null, { signed: true })} ${interval}`;
                  const title = c ? `${a} − ${b}: ${shown} · n=${c.answers} · ${verdict}` : undefined;
                  const flag = c?.distinguishable === true ? 'yes' : c?.distinguishable === false ? 'no' : '';
                  return (
                    <td
                      key={b}
                      className={`num ${same ? 'muted' : (c?.difference ?? 0) > 0 ? 'pos' : 'neg'}`}
                      data-testid="pairwise-cell"
                      data-a={a}
                      data-b={b}
                      data-distinguishable={flag}
                      title={title}
                    >
                      {same ? '≈ ' : ''}
                      {formatScore(c?.difference ?? null, { signed: true })}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The board's groups on one line: `1 a · 2 b, c (not distinguishable) · 3 d`; null without groups. */
export function groupLine(board: Leaderboard, notDistinguishable: string): string | null {
  const byGroup = new Map<number, string[]>();
  for (const r of board.rows) {
    if (r.group === undefined || r.group === null) continue;
    let list = byGroup.get(r.group);
    if (list === undefined) byGroup.set(r.group, (list = []));
    list.push(r.model);
  }
  if (byGroup.size === 0) return null;
  const label = (ms: string[]) => (ms.length > 1 ? ` (${notDistinguishable})` : '');
  return [...byGroup].map(([g, ms]) => `${g} ${ms.join(', ')}${label(ms)}`).join(' · ');
}
