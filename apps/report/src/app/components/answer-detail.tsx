import { formatScore } from '@sc-safety/results';
import type { ReportAnswer } from '../../common/report-data.js';
import { useReport } from '../context.js';
import { linkTo } from '../lib/route.js';
import { OutcomeBadge, ScoreChip } from './badges.js';
import { Highlight } from './highlight.js';

/** One turn of the exchange. Its text is untrusted: shown as text, whitespace kept. */
function Turn({
  role,
  label,
  text,
  terms,
  testid,
}: {
  role: string;
  label: string;
  text: string;
  terms: readonly string[];
  testid?: string;
}) {
  return (
    <div className={`turn turn-${role}`} data-testid={testid}>
      <div className="turn-label">{label}</div>
      <div className="turn-text">
        <Highlight text={text} terms={terms} />
      </div>
    </div>
  );
}

/** The judges' verdicts on an answer: score or failure, and the reason as text. */
export function JudgeReasons({ answer, terms }: { answer: ReportAnswer; terms: readonly string[] }) {
  const { t } = useReport();
  if (answer.judgments.length === 0) return null;
  return (
    <div className="judgments">
      <div className="section-label">
        {t('judgeReasons')}
        {answer.panelSpread !== null && answer.panelSpread > 0 ? ` · ${t('panelSpread')} ${answer.panelSpread}` : ''}
      </div>
      {answer.judgments.map((j, i) => (
        <div key={i} className="judgment" data-testid="judgment">
          <span className="judge-id">{j.judgeId}</span>
          {j.outcome === 'scored' ? <ScoreChip score={j.score} /> : <OutcomeBadge outcome={j.outcome} />}
          <span className="judge-reason">
            <Highlight text={j.reason ?? j.error ?? ''} terms={terms} />
          </span>
        </div>
      ))}
    </div>
  );
}

/** The answer's own state: block, error, outcome, timing. */
export function AnswerFacts({ answer }: { answer: ReportAnswer }) {
  const { t } = useReport();
  return (
    <>
      {answer.block && (
        <div className="fact fact-block" data-testid="block-info">
          <b>{t('block')}</b> · {t('blockStage')}: {answer.block.stage} · {t('blockCode')}:{' '}
          <code>{answer.block.code}</code> · {answer.block.message}
          {answer.block.partialText && (
            <div className="partial">
              <span className="section-label">{t('partialText')}</span>
              <div className="turn-text">{answer.block.partialText}</div>
            </div>
          )}
        </div>
      )}
      {answer.error && (
        <div className="fact fact-error">
          <b>{t('error')}</b> · <code>{answer.error.kind}</code>
          {answer.error.status !== null ? ` (${answer.error.status})` : ''} · {answer.error.message}
        </div>
      )}
    </>
  );
}

/** A whole exchange: system, round-1 question, the reply round 2 saw, the follow-up, the answer and its verdicts. */
export function AnswerDetail({
  answer,
  round1Prompt,
  terms,
}: {
  answer: ReportAnswer;
  round1Prompt: string | null;
  terms: readonly string[];
}) {
  const { t, route, categoryName, dimensionName } = useReport();
  return (
    <article className="detail" data-testid="answer-detail" data-index={answer.index}>
      <header className="detail-head">
        <div className="detail-title">
          <span className="model-name">{answer.model}</span>
          <span className="mono muted">{answer.itemId}</span>
          <span className="pill">{t('roundN', { n: answer.round })}</span>
        </div>
        <div className="detail-meta">
          <span>
            {categoryName(answer.category)} › {dimensionName(answer.dimension)}
          </span>
          <OutcomeBadge outcome={answer.outcome} />
          <ScoreChip score={answer.score} />
          {answer.vendorBlocked && <span className="badge badge-blocked">{t('flagBlocked')}</span>}
          {answer.latencyMs !== null && (
            <span className="muted">
              {t('latency')} {formatScore(answer.latencyMs / 1000)}s
            </span>
          )}
          {answer.cached && <span className="muted">{t('cached')}</span>}
          {answer.followup && (
            <span className="pill" data-testid="followup-strategy">
              {t('followupStrategy', { strategy: answer.followup.strategy })}
            </span>
          )}
          {answer.followup && answer.followup.outcome !== 'ok' && (
            <span className="badge badge-blocked" data-testid="followup-outcome">
              {t('followupOutcome', { outcome: answer.followup.outcome })}
            </span>
          )}
          {answer.finishReason && (
            <span className="muted">
              {t('finishReason')}: {answer.finishReason}
            </span>
          )}
        </div>
        <a className="link" href={linkTo(route, 'item', {}, answer.itemId)} data-testid="compare-link">
          {t('compareItem')} →
        </a>
      </header>
      <div className="conversation">
        {answer.system !== null && <Turn role="system" label={t('system')} text={answer.system} terms={terms} />}
        {answer.round >= 2 ? (
          <>
            <Turn role="user" label={t('userRound1')} text={round1Prompt ?? '—'} terms={terms} />
            <Turn
              role="assistant-prev"
              label={answer.round > 2 ? t('assistantRoundPrev', { n: answer.round - 1 }) : t('assistantRound1')}
              text={answer.previousReply ?? '—'}
              terms={terms}
            />
            <Turn
              role="user"
              label={answer.followup ? t('userRoundN', { n: answer.round }) : t('userRound2')}
              text={answer.prompt ?? '—'}
              terms={terms}
            />
          </>
        ) : (
          <Turn role="user" label={t('userRound1')} text={answer.prompt ?? '—'} terms={terms} />
        )}
        {answer.reasoningText && (
          <details className="reasoning">
            <summary>{t('reasoning')}</summary>
            <div className="turn-text">{answer.reasoningText}</div>
          </details>
        )}
        <Turn
          role="assistant"
          label={t('answer')}
          text={answer.text === '' ? t('emptyAnswer') : answer.text}
          terms={terms}
          testid="answer-text"
        />
      </div>
      <AnswerFacts answer={answer} />
      <JudgeReasons answer={answer} terms={terms} />
    </article>
  );
}
