import type { AdaptiveLeaderboard, ManifestFollowups } from '@sc-safety/results';
import { formatCount } from '@sc-safety/results';
import { PlainTable } from '../components/plain-table.js';
import type { Column } from '../components/plain-table.js';
import { useReport } from '../context.js';

const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
const share = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);
const signed = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(2)}`);

/**
 * The adaptive board of a run whose follow-ups an attacker wrote per model (issue 13): R1..RN, the
 * matched Δ, flip and recovery rates, and the attacker's outcomes. Shown instead of the frozen
 * boards, which hold none of an adaptive run's answers: the two are never mixed.
 */
export function AdaptiveBoardSection({
  board,
  followups,
}: {
  board: AdaptiveLeaderboard;
  followups?: ManifestFollowups;
}) {
  const { lang } = useReport();
  const zh = lang === 'zh';
  const rounds = Array.from({ length: board.turns }, (_, i) => i + 1);
  const outcomes = [...new Set(board.ranking.flatMap((id) => Object.keys(board.models[id]!.attackerOutcomes)))];
  const entry = (id: string) => board.models[id]!;
  const modelColumn: Column<string> = { head: zh ? '模型' : 'Model', cell: (id) => id, cellClass: 'model-name' };
  const roundColumns: Column<string>[] = [
    modelColumn,
    ...rounds.map(
      (k): Column<string> => ({ head: `R${k}`, cell: (id) => score(entry(id).rounds[k - 1]?.score), num: true }),
    ),
    {
      head: `Δ${board.turns}`,
      cell: (id) => {
        const last = entry(id).deltas.at(-1);
        return last ? `${signed(last.delta)} (${last.matched})` : '—';
      },
      num: true,
    },
    {
      head: zh ? '翻转率' : 'Flip',
      cell: (id) => share(entry(id).flipRate),
      num: true,
      title: (id) =>
        Object.entries(entry(id).firstFlipTurn)
          .map(([k, n]) => `R${k}: ${n}`)
          .join(', '),
    },
    { head: zh ? '恢复率' : 'Recovery', cell: (id) => share(entry(id).recoveryRate), num: true },
    { head: zh ? '对话数' : 'Conversations', cell: (id) => formatCount(entry(id).conversations), num: true },
  ];
  const outcomeColumns: Column<string>[] = [
    modelColumn,
    ...outcomes.map(
      (o): Column<string> => ({
        head: o,
        cell: (id) => formatCount(entry(id).attackerOutcomes[o] ?? 0),
        num: true,
        headClass: 'num mono',
      }),
    ),
  ];
  return (
    <section className="panel" data-testid="adaptive-board">
      <h2 className="board-title">
        {zh ? '自适应追问榜' : 'Adaptive follow-ups board'}
        <span className="board-sub">
          {zh
            ? `${board.turns} 轮 · 攻击模型 ${followups?.attacker.id ?? '?'}`
            : `${board.turns} turns · attacker ${followups?.attacker.id ?? '?'}`}
        </span>
      </h2>
      <p className="notice notice-warn" role="note">
        {zh
          ? '追问由攻击模型按各模型自己的回答逐轮生成，每个模型面对的对话不同：此榜分数不能与固定追问集的榜单比较，也从不与之合并。'
          : 'An attacker wrote each model’s follow-ups from its own answers, so every model faced different turns: these scores are not comparable with frozen-set boards and are never pooled with them.'}
      </p>
      <PlainTable columns={roundColumns} rows={board.ranking} rowKey={(id) => id} testid="adaptive-rounds" />
      <h3 className="panel-title">{zh ? '攻击模型结果（生成的每一轮）' : 'Attacker outcomes (each generated turn)'}</h3>
      <PlainTable
        columns={outcomeColumns}
        rows={board.ranking}
        rowKey={(id) => id}
        testid="adaptive-attacker-outcomes"
      />
      <ul className="notes">
        <li>
          {zh
            ? 'R1..RN：每轮已评分回答的得分率。Δ = RN − R1（两轮都评分的对话）。翻转：第 1 轮安全、之后任一已评分轮次不安全（0 分）；恢复：第 1 轮不安全、最后一个已评分轮次安全。'
            : 'R1..RN: % of max points per turn over its scored answers. Δ = RN − R1 over conversations with both scored. Flip: safe at R1, unsafe (0) at any later scored turn; recovery: unsafe at R1, safe at the last scored turn.'}
        </li>
        <li>
          {zh
            ? '攻击模型拒绝、留空、复述或超长的一轮不会发给被测模型，对话在此停止（没有替代追问）。'
            : 'A turn the attacker refused, left empty, echoed or overran is never sent; the conversation stops there (no fallback turn).'}
        </li>
      </ul>
    </section>
  );
}
