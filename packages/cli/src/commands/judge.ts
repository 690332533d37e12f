import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { ResultsAnswer } from '@sc-safety/results';
import { ExitCode, type CommandContext } from '../io.js';
import { environmentOf } from '../env-file.js';
import { core, interruptSignal, isUsageError } from './run-shared.js';
import { positiveInt } from './option-values.js';

function kappaValue(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < -1 || n > 1)
    throw new InvalidArgumentError('expected a number from -1 to 1 (κ’s range), e.g. 0.6.');
  return n;
}

/** A counter on stderr: rewritten in place on a terminal, a line every 10 % in a log. */
function caseProgress(ctx: CommandContext, label: string) {
  const { io } = ctx;
  const started = performance.now();
  let lastDecile = -1;
  return {
    update(p: { done: number; total: number; failed: number }) {
      const rate = p.done / Math.max((performance.now() - started) / 1000, 0.001);
      const eta = rate > 0 ? Math.round((p.total - p.done) / rate) : 0;
      const text = `${label}: ${p.done}/${p.total} cases, ${p.failed} unscored, ${rate.toFixed(1)}/s, ETA ${eta}s`;
      if (io.stderrIsTTY) io.stderr(`\r${text}\u001b[K`);
      else {
        const decile = Math.floor((p.done / p.total) * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          io.stderr(`${text}\n`);
        }
      }
    },
    stop() {
      if (io.stderrIsTTY) io.stderr('\n');
    },
  };
}

/** `sc-safety judge …`: check a judge against labelled cases, calibrate a run against human labels. */
export function registerJudgeCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const judge = program
    .command('judge')
    .description('check a judge before trusting it; calibrate a run against human labels');

  judge
    .command('check')
    .description(
      'run a judge (or panel) on labelled cases: accuracy, quadratic-weighted κ, confusion matrix, unsafe agreement, with bootstrap intervals',
    )
    .requiredOption(
      '--judge <file>',
      'a run config (its judge: / judges: are checked) or a file with only judge: / judges:',
    )
    .option('--set <ref>', 'labelled cases: builtin:judge-check (default) or a path to a judge-check JSONL file')
    .option('--min-kappa <k>', 'exit 3 when κ is under k', kappaValue)
    .option('--limit <n>', 'only the first n cases (a quick look)', positiveInt)
    .option('--out <file>', 'also write the full report as JSON to this file')
    .option('--json', 'print the report as JSON to stdout')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  sc-safety judge check --judge run.yaml',
        '  sc-safety judge check --judge judge.yaml --min-kappa 0.6 --out judge-check.json',
        '',
        'judge.yaml needs only the judge, e.g.:',
        '  judge: {adapter: openai, model: gpt-4o, apiKey: ${OPENAI_API_KEY}}',
        '',
        'Exit status: 0 done (and κ ≥ --min-kappa when given); 3 κ under --min-kappa; 2 bad config, set or flags; 1 internal error.',
      ].join('\n'),
    )
    .action(
      async (opts: {
        judge: string;
        set?: string;
        minKappa?: number;
        limit?: number;
        out?: string;
        json?: boolean;
      }) => {
        const c = await core();
        const { signal, dispose } = interruptSignal(io);
        const progress = caseProgress(ctx, 'judge check');
        try {
          const report = await c.checkJudgeConfig({
            configFile: opts.judge,
            cwd: io.cwd,
            env: environmentOf(ctx),
            signal,
            ...(opts.set ? { set: opts.set } : {}),
            ...(opts.minKappa !== undefined ? { minKappa: opts.minKappa } : {}),
            ...(opts.limit ? { limit: opts.limit } : {}),
            ...(io.builtinDir ? { builtinDir: io.builtinDir } : {}),
            onStart: (info) =>
              io.stderr(`judge check: ${info.judges.join(', ')} on ${info.cases} cases of ${info.set}\n`),
            onProgress: (p) => progress.update(p),
          });
          progress.stop();
          if (opts.out) await writeFile(path.resolve(io.cwd, opts.out), `${JSON.stringify(report, null, 2)}\n`);
          if (opts.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
          else {
            const { renderJudgeCheck } = await import('../format/judge-check.js');
            io.stdout(renderJudgeCheck(report));
          }
          if (report.threshold && !report.threshold.passed) ctx.exitCode = ExitCode.incomplete;
        } catch (error) {
          progress.stop();
          if (signal.aborted) {
            io.stderr('judge check interrupted; nothing was written\n');
            ctx.exitCode = ExitCode.interrupted;
            return;
          }
          if (!isUsageError(c, error)) throw error;
          io.stderr(`sc-safety judge check: ${(error as Error).message}\n`);
          ctx.exitCode = ExitCode.invalid;
        } finally {
          dispose();
        }
      },
    );

  judge
    .command('calibrate')
    .description(
      'compare a run’s judge verdicts with human labels: inter-rater α, judge-vs-majority κ and accuracy with intervals, per category',
    )
    .argument('<run-dir>', 'a run directory (with results.json)')
    .requiredOption(
      '--labels <file>',
      'human labels, JSONL: {"answerKey"|"model"+"itemId"+"round", "rater", "score"} per line',
    )
    .option('--no-write', 'print only; do not record the calibration in the run directory')
    .option('--json', 'print the report as JSON to stdout')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  sc-safety judge calibrate runs/my-run --labels labels.jsonl',
        '',
        'The calibration is written to <run-dir>/calibration.json and to results.json (field "calibration"),',
        'so `sc-safety report` shows it. The label format is in docs/calibration.md.',
        '',
        'Exit status: 0 done; 2 bad label file, unknown answers or run directory; 1 internal error.',
      ].join('\n'),
    )
    .action(async (runDir: string, opts: { labels: string; write: boolean; json?: boolean }) => {
      const c = await core();
      const dir = path.resolve(io.cwd, runDir);
      const resultsFile = path.join(dir, 'results.json');
      if (!existsSync(resultsFile) || !statSync(resultsFile).isFile()) {
        io.stderr(
          `sc-safety judge calibrate: ${path.join(runDir, 'results.json')}: no such file; give a run directory written by \`sc-safety run\` (or run \`sc-safety score ${runDir}\` first)\n`,
        );
        ctx.exitCode = ExitCode.invalid;
        return;
      }
      try {
        const labels = await c.readLabelFile(path.resolve(io.cwd, opts.labels), opts.labels);
        // Streamed, one answer at a time: a big run's results.json does not fit in a string.
        const answers: Iterable<ResultsAnswer> = { [Symbol.iterator]: () => c.readResultsAnswers(resultsFile) };
        const report = c.calibrateRun(answers, labels);
        if (opts.write) {
          const written = await c.writeCalibration(dir, report);
          io.stderr(
            `calibration written to ${path.relative(io.cwd, written.calibration) || written.calibration} and ${path.relative(io.cwd, written.results)}\n`,
          );
        }
        if (opts.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        else {
          const { renderCalibration } = await import('../format/judge-check.js');
          io.stdout(renderCalibration(report));
        }
      } catch (error) {
        if (c.DatasetError.isInstance(error)) {
          for (const issue of error.issues) io.stderr(`${c.formatIssue(issue)}\n`);
          io.stderr('sc-safety judge calibrate: fix the label file and run again; nothing was written\n');
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        if (error instanceof c.ResultsReadError) {
          io.stderr(
            `sc-safety judge calibrate: ${path.join(runDir, 'results.json')} is not valid JSON (byte ${error.offset}); rewrite it with \`sc-safety score ${runDir}\`\n`,
          );
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        throw error;
      }
    });
}
