import { useEffect, useState } from 'react';
import type { ReportAnswer } from '../../common/report-data.js';
import { loadAnswers } from './load-data.js';

/** A run's answers: undefined while decompressing, then the list (decoded once per page). */
export function useAnswers(run: number): { answers: ReportAnswer[] | undefined; error: string | undefined } {
  const [state, setState] = useState<{ answers: ReportAnswer[] | undefined; error: string | undefined }>({
    answers: undefined,
    error: undefined,
  });
  useEffect(() => {
    let live = true;
    loadAnswers(run).then(
      (answers) => live && setState({ answers, error: undefined }),
      (e: unknown) => live && setState({ answers: undefined, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [run]);
  return state;
}
