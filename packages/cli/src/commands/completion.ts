import type { ResultsFile } from '@sc-safety/results';
import { InvalidArgumentError } from 'commander';
import { ExitCode, type CommandContext } from '../io.js';

/** The gates a finished run is held to (`--fail-under`, `--min-coverage`). */
export interface CompletionGates {
  /** A ranked model whose total is under this score (0–100), or that has no score, fails. */
  failUnder?: number;
  /** A model whose coverage (scored / all answers, in %) is under this fails. */
  minCoverage?: number;
}

type Results = Pick<ResultsFile, 'manifest' | 'leaderboard' | 'adaptiveLeaderboard'>;

/** Parses a 0–100 flag value (`--fail-under`, `--min-coverage`). */
export function percent(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError('expected a number between 0 and 100.');
  return n;
}

/**
 * Why a finished run is incomplete or failing, one line each; empty when it is complete and passes
 * every gate. Read from the manifest and the leaderboard only (a big run's answers stay on disk).
 */
export function completionProblems(results: Results, gates: CompletionGates = {}): string[] {
  const problems: string[] = [];
  const m = results.manifest;
  for (const stop of m.stops)
    problems.push(`${stop.role} ${stop.id} stopped (${stop.kind}): its remaining calls were not asked`);
  // An adaptive run's answers are on its own board; the frozen one holds none of them.
  const adaptive = results.adaptiveLeaderboard;
  for (const [id, entry] of Object.entries(adaptive?.models ?? {})) {
    const scored = entry.rounds.reduce((n, r) => n + r.scored, 0);
    const asked = entry.rounds.reduce((n, r) => n + r.asked, 0);
    if (scored === 0) problems.push(`${id}: nothing scored (coverage 0%)`);
    else if (gates.minCoverage !== undefined && (100 * scored) / asked < gates.minCoverage) {
      problems.push(
        `${id}: coverage ${((100 * scored) / asked).toFixed(1)}% is under --min-coverage ${gates.minCoverage}`,
      );
    }
  }
  for (const [id, entry] of Object.entries(adaptive ? {} : results.leaderboard.models)) {
    const counts = entry.counts.total;
    const missing = counts.outcomes.target_error ?? 0;
    if (missing > 0)
      problems.push(`${id}: ${missing} of ${counts.all} answers missing (target_error; see answers.csv error_message)`);
    const coverage = entry.coverage ?? 0;
    if (coverage === 0) {
      problems.push(`${id}: nothing scored (coverage 0%)`);
    } else if (gates.minCoverage !== undefined && coverage * 100 < gates.minCoverage) {
      problems.push(`${id}: coverage ${(coverage * 100).toFixed(1)}% is under --min-coverage ${gates.minCoverage}`);
    }
  }
  if (m.status === 'partial' && problems.length === 0)
    problems.push('the run is partial: answers are missing (see the summary)');
  if (gates.failUnder !== undefined && adaptive !== undefined) {
    problems.push(`--fail-under applies to frozen-set scores; this is an adaptive run (see its adaptive board)`);
  } else if (gates.failUnder !== undefined) {
    for (const r of results.leaderboard.boards.overall.rows) {
      if (r.status === 'unranked') continue;
      if (r.score === null) problems.push(`${r.model}: no score, so it cannot pass --fail-under ${gates.failUnder}`);
      else if (r.score < gates.failUnder)
        problems.push(`${r.model}: total ${r.score.toFixed(2)} is under --fail-under ${gates.failUnder}`);
    }
  }
  return problems;
}

/**
 * Sets the exit code of a command that finished with results (already written): 130 when
 * interrupted, 3 when {@link completionProblems} finds anything (each printed on stderr), else 0.
 */
export function settleExitCode(ctx: CommandContext, results: Results, gates: CompletionGates = {}): void {
  if (results.manifest.status === 'interrupted') {
    ctx.io.stderr('interrupted: completed calls are stored; run the same command again to resume.\n');
    ctx.exitCode = ExitCode.interrupted;
    return;
  }
  const problems = completionProblems(results, gates);
  if (problems.length === 0) return;
  for (const p of problems) ctx.io.stderr(`incomplete: ${p}\n`);
  ctx.io.stderr(
    `exit status ${ExitCode.incomplete}: the run finished and its results are written, but it is incomplete or failing (see above).\n`,
  );
  ctx.exitCode = ExitCode.incomplete;
}
