import type { ReactNode } from 'react';
import { useReport } from '../context.js';
import type { MessageKey } from '../lib/i18n.js';

/** A rubric score as a coloured chip (0 red, 1 amber, 2 green). */
export function ScoreChip({ score, max = 2 }: { score: number | null; max?: number }) {
  if (score === null) return <span className="chip chip-none">—</span>;
  const cls = score <= 0 ? 'chip-0' : score >= max ? 'chip-2' : 'chip-1';
  return (
    <span className={`chip ${cls}`} data-score={score}>
      {score}
    </span>
  );
}

/** An answer outcome as a labelled badge. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useReport();
  const key = `outcome_${outcome}` as MessageKey;
  return <span className={`badge badge-${outcome}`}>{t(key) || outcome}</span>;
}

export function Tag({ children, kind }: { children: ReactNode; kind: string }) {
  return <span className={`tag tag-${kind}`}>{children}</span>;
}
