import { useMemo } from 'react';
import type { ReportAnswer } from '../../common/report-data.js';
import { AnswerFacts, JudgeReasons } from '../components/answer-detail.js';
import { OutcomeBadge, ScoreChip } from '../components/badges.js';
import { useReport } from '../context.js';
import { linkTo } from '../lib/route.js';
import { useAnswers } from '../lib/use-answers.js';

function Cell({ answer }: { answer: ReportAnswer | undefined }) {
  const { t, route } = useReport();
  if (answer === undefined) return <td className="item-cell muted">—</td>;
  return (
    <td className="item-cell" data-testid="item-cell" data-model={answer.model} data-round={answer.round}>
      <div className="item-cell-head">
        <ScoreChip score={answer.score} />
        {answer.outcome !== 'scored' && <OutcomeBadge outcome={answer.outcome} />}
        {answer.vendorBlocked && <span className="badge badge-blocked">{t('flagBlocked')}</span>}
        <a
          className="link small"
          href={linkTo(route, 'transcripts', { sel: String(answer.index), model: answer.model })}
        >
          ↗
        </a>
      </div>
      <div className="turn-text item-answer">{answer.text === '' ? t('emptyAnswer') : answer.text}</div>
      <AnswerFacts answer={answer} />
      <JudgeReasons answer={answer} terms={[]} />
    </td>
  );
}

/** One item, every model, both rounds side by side. */
export function ItemView() {
  const { runIndex, route, t, modelOrder, categoryName, dimensionName } = useReport();
  const { answers } = useAnswers(runIndex);
  const id = route.item ?? '';
  const byModel = useMemo(() => {
    const map = new Map<string, { 1?: ReportAnswer; 2?: ReportAnswer }>();
    for (const a of answers ?? []) {
      if (a.itemId !== id) continue;
      const entry = map.get(a.model) ?? {};
      // Rounds 1 and 2 side by side (an adaptive run's later turns are in the transcripts).
      if (a.round === 1 || a.round === 2) entry[a.round] = a;
      map.set(a.model, entry);
    }
    return map;
  }, [answers, id]);
  if (answers === undefined) return <p className="boot">{t('loadingAnswers')}</p>;
  const first = [...byModel.values()][0];
  const any = first?.[1] ?? first?.[2];
  if (any === undefined) return <p className="boot">{t('notFound')}</p>;
  const models = [
    ...modelOrder.filter((m) => byModel.has(m)),
    ...[...byModel.keys()].filter((m) => !modelOrder.includes(m)),
  ];
  const prompt1 = [...byModel.values()].map((e) => e[1]?.prompt).find((p) => p != null) ?? '—';
  const prompt2 = [...byModel.values()].map((e) => e[2]?.prompt).find((p) => p != null) ?? '—';
  return (
    <section className="item-view" data-testid="item-view">
      <a className="link" href={linkTo(route, 'transcripts')}>
        ← {t('backToTranscripts')}
      </a>
      <h2 className="board-title">
        {t('itemTitle', { id })}
        <span className="board-sub">
          {categoryName(any.category)} › {dimensionName(any.dimension)}
        </span>
      </h2>
      <div className="prompts">
        <div className="turn turn-user">
          <div className="turn-label">{t('userRound1')}</div>
          <div className="turn-text">{prompt1}</div>
        </div>
        <div className="turn turn-user">
          <div className="turn-label">{t('userRound2')}</div>
          <div className="turn-text">{prompt2}</div>
        </div>
      </div>
      <div className="table-wrap">
        <table className="item-table">
          <thead>
            <tr>
              <th>{t('model')}</th>
              <th>{t('round1')}</th>
              <th>{t('round2')}</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m}>
                <th className="model-name">{m}</th>
                <Cell answer={byModel.get(m)?.[1]} />
                <Cell answer={byModel.get(m)?.[2]} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
