import { createContext, useContext } from 'react';
import type { ReportMeta, ReportRunMeta } from '../common/report-data.js';
import type { Lang, MessageKey } from './lib/i18n.js';
import type { Route } from './lib/route.js';

/** What every view needs: the data, the language, the route and a way to change it. */
export interface ReportContextValue {
  meta: ReportMeta;
  runIndex: number;
  run: ReportRunMeta;
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  route: Route;
  /** Changes the route; `replace` keeps the history entry (typing in a filter). */
  navigate: (route: Route, options?: { replace?: boolean }) => void;
  /** Display names from the taxonomy; unknown ids show as themselves. */
  categoryName: (id: string) => string;
  dimensionName: (id: string) => string;
  /** Model ids in the overall board's order. */
  modelOrder: string[];
}

export const ReportContext = createContext<ReportContextValue | null>(null);

export function useReport(): ReportContextValue {
  const value = useContext(ReportContext);
  if (value === null) throw new Error('useReport outside ReportContext');
  return value;
}
