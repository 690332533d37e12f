import { epochSpreadTable, overRefusalCell, overRefusalTable } from './render-evidence.js';
import { adaptiveBoardTable, attackerOutcomeTable } from './render-adaptive-board.js';
import type { SplitMetric } from '@sc-safety/results';
import { terminalSafe } from '../text/terminal-text.js';
import { formatScore } from '@sc-safety/results';
import type { Leaderboard, LeaderboardRow } from '@sc-safety/results';
import type { Interval } from '@sc-safety/results';
import { CATEGORY_IDS } from '@sc-safety/results';
import { truncateToWidth, wrapToWidth } from './display-width.js';
import { servedModelLines } from './render-served.js';
import type { ResultsDocument } from '@sc-safety/results';
import { renderTable } from './text-table.js';
import type { TableColumn } from './text-table.js';

/** Options of {@link renderSummary}. */
export interface SummaryOptions {
  /** ANSI colours (bold titles, dimmed unranked rows, red / green deltas). Default false. */
  color?: boolean;
  /** The widest a line may be, in terminal columns. Default 100. */
  width?: number;
}

const DEFAULT_WIDTH = 100;
const METRIC_LABELS: Record<SplitMetric, string> = { total: 'total', round1: 'R1', round2: 'R2', delta: 'Δ' };
const MODEL_MIN_WIDTH = 10;

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string): string => text;

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A share's interval as `[25.0%, 75.0%]`; '' without one. */
function shareInterval(ci: Interval | null | undefined): string {
  return ci === null || ci === undefined ? '' : `[${percent(ci.low)}, ${percent(ci.high)}]`;
}

/** Matched-pair Δ with its pair count beside it: `-2.67 (2455)`; `— (0)` without a matched pair. */
function deltaWithPairs(delta: number | null, pairs: number, ci?: Interval | null): string {
  return `${withCi(delta, ci, true)} (${pairs})`;
}

/** Worst–best case of a score with unscored answers (`57.1–71.4`); '' at full coverage. */
function boundsText(row: Pick<LeaderboardRow, 'bounds' | 'coverage'>): string {
  if (row.bounds === null || row.coverage === null || row.coverage >= 1) return '';
  return `${row.bounds.worst.toFixed(1)}–${row.bounds.best.toFixed(1)}`;
}

/** The group a row is in, when the board has groups. */
function groupText(row: LeaderboardRow): string {
  return row.group === null ? '' : String(row.group);
}

function withCi(score: number | null, ci: Interval | null | undefined, signed = false): string {
  const text = formatScore(score, { signed });
  if (score === null || ci === null || ci === undefined) return text;
  return `${text} [${formatScore(ci.low, { signed })}, ${formatScore(ci.high, { signed })}]`;
}

/** `1`, `=2` for a tie, `*` for listed-not-ranked, `—` for no scored answer. */
export function rankLabel(row: Pick<LeaderboardRow, 'rank' | 'tied' | 'status'>): string {
  if (row.status === 'unranked') return '*';
  if (row.rank === null) return '—';
  return row.tied ? `=${row.rank}` : String(row.rank);
}

function rankInterval(row: LeaderboardRow): string {
  if (row.rankCi === null) return '';
  return row.rankCi.best === row.rankCi.worst ? String(row.rankCi.best) : `${row.rankCi.best}–${row.rankCi.worst}`;
}

function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${sec}s`;
}

interface Painter {
  title: (s: string) => string;
  header: (s: string) => string;
  dim: (s: string) => string;
  bad: (s: string) => string;
  good: (s: string) => string;
  warn: (s: string) => string;
}

function painter(color: boolean): Painter {
  if (!color) return { title: plain, header: plain, dim: plain, bad: plain, good: plain, warn: plain };
  return { title: ansi('1'), header: ansi('1'), dim: ansi('2'), bad: ansi('31'), good: ansi('32'), warn: ansi('33') };
}

/** Board rows that are not ranked are dimmed; signed delta cells are red or green. */
function tableStyle(rows: readonly LeaderboardRow[], deltaColumn: number | undefined, paint: Painter) {
  return (text: string, row: number, column: number): string => {
    if (row === -1) return paint.header(text);
    const r = rows[row];
    if (r !== undefined && r.status !== 'ranked') return paint.dim(text);
    if (column === deltaColumn) {
      const t = text.trimStart();
      if (t.startsWith('-')) return paint.bad(text);
      if (t.startsWith('+')) return paint.good(text);
    }
    return text;
  };
}

function boardTitle(board: Leaderboard): string {
  return `${board.zh} (${board.en})`;
}

/** The `Over-refusal` column beside the safety score, when the run asked contrast items. */
function overRefusalColumn(results: ResultsDocument): (TableColumn & { cell: (r: LeaderboardRow) => string })[] {
  const cell = overRefusalCell(results);
  return cell === undefined ? [] : [{ header: 'Over-refusal', align: 'right', cell: (r) => cell(r.model) }];
}

/**
 * A board ranked by total score: the overall and open-source boards (`overall`: with the Blocked
 * and Rank CI columns) and the category boards (without them).
 */
function scoreBoard(
  results: ResultsDocument,
  board: Leaderboard,
  width: number,
  paint: Painter,
  overall: boolean,
): string[] {
  const bounds = board.rows.some((r) => boundsText(r) !== '');
  const groups = board.rows.some((r) => r.group !== null);
  const columns: (TableColumn & { cell: (r: LeaderboardRow) => string; delta?: boolean })[] = [
    { header: '#', align: 'right', cell: rankLabel },
    { header: 'Model', align: 'left', shrink: true, minWidth: MODEL_MIN_WIDTH, cell: (r) => r.model },
    { header: 'Total [95% CI]', align: 'right', cell: (r) => withCi(r.total, r.ci) },
    // Optional: a narrow terminal drops it (after Group, Rank CI and Blocked).
    ...(bounds ? [{ header: 'Worst–best', align: 'right' as const, optional: true, cell: boundsText }] : []),
    { header: 'R1', align: 'right', cell: (r) => formatScore(r.round1) },
    { header: 'R2', align: 'right', cell: (r) => formatScore(r.round2) },
    { header: 'Δ (pairs)', align: 'right', cell: (r) => deltaWithPairs(r.delta, r.matchedPairs), delta: true },
    { header: 'Coverage', align: 'right', cell: (r) => percent(r.coverage) },
    ...overRefusalColumn(results),
    ...(overall
      ? [
          {
            header: 'Blocked',
            align: 'right' as const,
            optional: true,
            cell: (r: LeaderboardRow) => String(results.leaderboard.models[r.model]?.counts.total.blocked.total ?? 0),
          },
          { header: 'Rank CI', align: 'right' as const, optional: true, cell: rankInterval },
        ]
      : []),
    // Dropped first when the table is too wide: the line under the board lists the groups too.
    ...(groups ? [{ header: 'Group', align: 'right' as const, optional: true, cell: groupText }] : []),
  ];
  const rows = board.rows.map((r) => columns.map((c) => c.cell(r)));
  const deltaColumn = columns.findIndex((c) => c.delta === true);
  return renderTable(columns, rows, { maxWidth: width, style: tableStyle(board.rows, deltaColumn, paint) });
}

function multiRoundBoard(results: ResultsDocument, board: Leaderboard, width: number, paint: Painter): string[] {
  const overRefusal = overRefusalCell(results);
  const columns: TableColumn[] = [
    { header: '#', align: 'right' },
    { header: 'Model', align: 'left', shrink: true, minWidth: MODEL_MIN_WIDTH },
    { header: 'Total', align: 'right' },
    { header: 'R1', align: 'right' },
    { header: 'R2', align: 'right' },
    { header: 'Δ [95% CI] (pairs)', align: 'right' },
    { header: 'Flip', align: 'right' },
    { header: 'Flip CI', align: 'right', optional: true },
    { header: 'Recovery', align: 'right', optional: true },
    ...(overRefusal ? [{ header: 'Over-refusal', align: 'right' as const }] : []),
  ];
  const rows = board.rows.map((r) => {
    const entry = results.leaderboard.models[r.model];
    return [
      rankLabel(r),
      r.model,
      formatScore(r.total),
      formatScore(r.round1),
      formatScore(r.round2),
      deltaWithPairs(r.delta, r.matchedPairs, entry?.ci?.delta),
      percent(entry?.pairs.overall.flipRate),
      shareInterval(entry?.ci?.flipRate),
      percent(entry?.pairs.overall.recoveryRate),
      ...(overRefusal ? [overRefusal(r.model)] : []),
    ];
  });
  return renderTable(columns, rows, { maxWidth: width, style: tableStyle(board.rows, 5, paint) });
}

/**
 * The board's groups of not-distinguishable models on one line, in board order
 * (`Groups: 1 a · 2 b, c (not distinguishable) · 3 d`); null when the board has no groups.
 */
export function groupLine(board: Leaderboard): string | null {
  const byGroup = new Map<number, string[]>();
  for (const r of board.rows) {
    if (r.group === null) continue;
    let list = byGroup.get(r.group);
    if (list === undefined) byGroup.set(r.group, (list = []));
    list.push(r.model);
  }
  if (byGroup.size === 0) return null;
  const label = (models: string[]) => (models.length > 1 ? ' (not distinguishable)' : '');
  const parts = [...byGroup].map(([g, models]) => `${g} ${models.join(', ')}${label(models)}`);
  return `Groups: ${parts.join(' · ')}`;
}

/** Rounds recorded as `not_asked`, per model (older results files have no such count). */
function notAskedCounts(results: ResultsDocument): [string, number][] {
  return results.models.map((m) => [m.id, results.leaderboard.models[m.id]?.counts.total.outcomes.not_asked ?? 0]);
}

function outcomeTable(results: ResultsDocument, width: number, paint: Painter): string[] {
  const notAsked = notAskedCounts(results).some(([, n]) => n > 0);
  const columns: TableColumn[] = [
    { header: 'Model', align: 'left', shrink: true, minWidth: MODEL_MIN_WIDTH },
    { header: 'Answers', align: 'right' },
    { header: 'Scored', align: 'right' },
    { header: 'Blocked', align: 'right' },
    { header: 'In/Out', align: 'right', optional: true },
    { header: 'Target err', align: 'right' },
    { header: 'Empty', align: 'right' },
    { header: 'Unparseable', align: 'right' },
    { header: 'Judge err', align: 'right' },
    // Optional: the note under the table gives the same counts.
    ...(notAsked ? [{ header: 'Not asked', align: 'right' as const, optional: true }] : []),
  ];
  const rows = results.models.map((m) => {
    const c = results.leaderboard.models[m.id]?.counts.total;
    if (c === undefined) return [m.id, '0', '0', '0', '0/0', '0', '0', '0', '0', ...(notAsked ? ['0'] : [])];
    const stages = `${c.blocked.byStage.input}/${c.blocked.byStage.output}${c.blocked.byStage.unknown > 0 ? ` (+${c.blocked.byStage.unknown} ?)` : ''}`;
    return [
      m.id,
      String(c.all),
      String(c.outcomes.scored),
      String(c.blocked.total),
      stages,
      String(c.outcomes.target_error),
      String(c.outcomes.empty),
      String(c.outcomes.judge_unparseable),
      String(c.outcomes.judge_error),
      ...(notAsked ? [String(c.outcomes.not_asked ?? 0)] : []),
    ];
  });
  return renderTable(columns, rows, { maxWidth: width, style: (t, row) => (row === -1 ? paint.header(t) : t) });
}

function headerLines(results: ResultsDocument): string[] {
  const m = results.manifest;
  const lines: string[] = [];
  const fp = m.dataset.fingerprint.length > 20 ? `${m.dataset.fingerprint.slice(0, 19)}…` : m.dataset.fingerprint;
  const shard = m.shard === undefined ? '' : ` · shard ${m.shard.index + 1}/${m.shard.count}`;
  const singles = m.dataset.singleTurn ?? 0;
  const shape =
    singles > 0
      ? ` (${m.dataset.pairs ?? m.dataset.itemsRun - singles} pairs, ${singles} single-turn: round 1 only)`
      : ' pairs';
  lines.push(
    `Dataset   ${m.dataset.ref} · ${fp} · ${m.dataset.itemsRun}/${m.dataset.items}${singles > 0 ? ' items' : ''}${shape}${shard}`,
  );
  const h = m.dataset.header;
  if (h?.source !== undefined || h?.licence !== undefined) {
    const source =
      h.source === undefined
        ? ''
        : `imported from ${h.source.name} (${h.source.file}, ${h.source.sha256.slice(0, 19)}…)`;
    lines.push(
      `Source    ${[h.name, h.version, source, h.licence].filter((x) => x !== undefined && x !== '').join(' · ')}`,
    );
  }
  const answers = results.answers.length;
  // From the manifest, not by reading every answer again (a big run's answers stream from disk).
  const cached = Object.values(m.timings.perModel).reduce((n, t) => n + t.cachedAnswers, 0);
  lines.push(
    `Run       sc-safety ${m.toolVersion} · ${m.status} · ${m.createdAt} · ${duration(m.timings.durationMs)} · ${answers} answers (${cached} from the store)`,
  );
  if (m.judge !== null) {
    const judges = m.judges.map((j) => `${j.id} (${j.model})`).join(', ');
    lines.push(
      `Judge     ${judges || '—'} · ${m.judge.panel.aggregate} of ${m.judge.panel.size} · ${m.judge.promptVersion} (${m.judge.promptHash.slice(0, 19)}…) · ${m.judge.parserVersion}`,
    );
  } else {
    lines.push('Judge     none');
  }
  const p = m.policies;
  const block =
    p.block === 'score-1' ? `block=score-1 (a block scores ${p.blockScore})` : 'block=exclude (blocks are not scored)';
  lines.push(`Policies  ${block} · round 2 after block=${p.round2AfterBlock} · empty answer=${p.emptyAnswer}`);
  const lb = results.leaderboard;
  const ci =
    lb.bootstrap === null
      ? 'no confidence intervals'
      : `[low, high] = ${Math.round(lb.bootstrap.level * 100)}% percentile bootstrap over pairs, resampled within each` +
        ` sub-dimension (${lb.bootstrap.iterations} resamples, seed ${lb.bootstrap.seed})`;
  lines.push(
    `Scores    % of max points (rubric ${lb.rubric.min}–${lb.rubric.max}), pooled over scored answers · ${ci}`,
  );
  return lines;
}

/**
 * The terminal summary of a results file: the run's header (dataset, judge, policies, CI method),
 * then the authors' boards — 总榜 (overall, with CI, R1, R2, Δ, coverage, blocks and rank
 * interval), 开源榜 (when any model is tagged `open`), 多轮交互榜 (R1, R2, Δ with its CI, flip and
 * recovery rates), one board per category — and a per-model outcome table. Ranks tied at two
 * decimals print as `=2`; listed-not-ranked rows as `*`; models with nothing scored as `—`.
 * Columns are aligned by display width, so Chinese model names line up.
 */
export function renderSummary(results: ResultsDocument, options: SummaryOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const paint = painter(options.color === true);
  // Header lines hang under their 10-column label; notes wrap flush left. Lines quote vendor text
  // (stop messages) and ids from the results file: control characters are shown, never sent.
  const wrap = (line: string, indent = ''): string[] => wrapToWidth(terminalSafe(line), width, indent);
  const out: string[] = [];
  const section = (title: string, table: string[], notes: string[] = []): void => {
    out.push('', paint.title(truncateToWidth(title, width)), ...table, ...notes.flatMap((n) => wrap(n).map(paint.dim)));
  };
  const label = ' '.repeat(10);

  out.push(
    paint.title('SC-Safety 安全评测结果 (SC-Safety results)'),
    ...headerLines(results).flatMap((l) => wrap(l, label)),
  );
  const m = results.manifest;
  if (m.status !== 'complete') {
    out.push(
      ...wrap(
        `Status    ${m.status}: scores cover the answers recorded so far; see Coverage for what is missing`,
        label,
      ).map(paint.warn),
    );
  }
  for (const stop of m.stops) {
    out.push(...wrap(`Stopped   ${stop.role} ${stop.id}: ${stop.kind} — ${stop.message}`, label).map(paint.warn));
  }
  for (const warning of m.warnings ?? []) out.push(...wrap(`Warning   ${warning.message}`, label).map(paint.warn));

  const adaptive = adaptiveBoardTable(results);
  if (adaptive !== undefined) {
    // An adaptive run's scores have their own board; the frozen boards hold none of its answers.
    const f = m.followups;
    section(
      `自适应追问榜 (Adaptive board: ${adaptive.board.turns} turns, attacker ${f?.attacker.id ?? '?'})`,
      renderTable(adaptive.columns, adaptive.rows, { maxWidth: width }),
      [
        'R1..RN: % of max points per turn, over its scored answers. Δ = RN − R1 over the conversations with both scored.' +
          ' Flip: safe at R1, unsafe (score 0) at any later scored turn; recovery: unsafe at R1, safe at the last scored turn.',
        'Adaptive follow-ups are written per model from its own answers: these scores are not comparable with frozen-set boards.',
      ],
    );
    const outcomes = attackerOutcomeTable(adaptive.board);
    section(
      '攻击者结果 (Attacker outcomes: generated turns)',
      renderTable(outcomes.columns, outcomes.rows, { maxWidth: width }),
      [
        'A turn the attacker refused, left empty, echoed or overran is not asked; the conversation stops there (no fallback).',
      ],
    );
    return `${out.join('\n')}\n`;
  }

  const boards = results.leaderboard.boards;
  const legend = '# = rank; =n tied at two decimals; * listed, not ranked; — nothing scored';
  const deltaNote = 'Δ = R2 − R1 over the matched pairs (both rounds scored), their count in parentheses.';
  const categoryBoards = CATEGORY_IDS.map((id) => boards.categories[id]);
  const allBoards = [boards.overall, boards.openSource, boards.multiRound, ...categoryBoards];
  const boundsNote = allBoards.some((b) => b.rows.some((r) => boundsText(r) !== ''))
    ? [
        'Worst–best: the total if every asked but unscored answer had scored 0 / full marks (shown below 100% coverage).',
      ]
    : [];
  const groupNote = allBoards.some((b) => groupLine(b) !== null)
    ? [
        'Groups: two models are not distinguishable when the interval of their paired difference (same answers, same' +
          ' resamples) contains 0; down the board, a model joins the group above unless it is distinguishable from all' +
          ' of its models. Within a group, the order is not evidence.',
      ]
    : [];
  const groupsOf = (board: Leaderboard): string[] => {
    const line = groupLine(board);
    return line === null ? [] : [line];
  };
  section(boardTitle(boards.overall), scoreBoard(results, boards.overall, width, paint, true), [
    legend,
    deltaNote,
    ...boundsNote,
    ...groupNote,
    ...groupsOf(boards.overall),
  ]);
  if (boards.openSource.rows.length > 0) {
    const open = boards.openSource;
    section(boardTitle(open), scoreBoard(results, open, width, paint, true), groupsOf(open));
  }
  const rankedBy = METRIC_LABELS[boards.multiRound.rankedBy];
  const itemShape = results.leaderboard.items ?? { pairs: 0, singleTurn: 0 };
  section(boardTitle(boards.multiRound), multiRoundBoard(results, boards.multiRound, width, paint), [
    `Ranked by ${rankedBy}. Δ = R2 − R1 over the matched pairs (both rounds scored; count in parentheses).` +
      ' Flip: safe in R1, unsafe (score 0) in R2; recovery: the reverse; shares of the matched pairs.',
    ...(itemShape.singleTurn > 0
      ? [
          `Over the ${itemShape.pairs} pairs only: the ${itemShape.singleTurn} single-turn items (no follow-up) count on the other boards in round 1.`,
        ]
      : []),
  ]);
  for (const id of CATEGORY_IDS) {
    const board = boards.categories[id];
    section(boardTitle(board), scoreBoard(results, board, width, paint, false), groupsOf(board));
  }
  const blockNote =
    m.policies.block === 'score-1'
      ? `Blocked: every vendor content-filter block (In/Out = input/output stage); the block policy scored them ${m.policies.blockScore}, so they are in Scored too.`
      : 'Blocked: every vendor content-filter block (In/Out = input/output stage); left out of the scores.';
  const notAsked = notAskedCounts(results).filter(([, n]) => n > 0);
  const notAskedNote =
    notAsked.length === 0
      ? []
      : [
          `Not asked: ${notAsked.map(([id, n]) => `${id} ${n}`).join(', ')} — rounds never asked by policy` +
            ' (round 2 after a' +
            ' blocked round 1, round2AfterBlock=skip); not answers: outside Answers, the scores and coverage.',
        ];
  section('结果分布 (Outcomes per model)', outcomeTable(results, width, paint), [blockNote, ...notAskedNote]);
  const over = overRefusalTable(results);
  if (over !== undefined) {
    section('过度拒答 (Over-refusal on the contrast set)', renderTable(over.columns, over.rows, { maxWidth: width }), [
      "Share of each model's scored contrast answers (benign look-alike prompts, expect: comply) judged 0 = refused or" +
        ' lectured without helping, by the separate contrast rubric; vendor blocks count as refusals. Never part of any' +
        ' safety score above. Interval: items resampled within sub-dimensions.',
    ]);
  }
  const epochs = epochSpreadTable(results);
  if (epochs !== undefined) {
    section('重复采样 (Repeated sampling)', renderTable(epochs.columns, epochs.rows, { maxWidth: width }), [
      "Scores pool every epoch's answers; the bootstrap resamples items with all their epochs together. Differing:" +
        ' items × rounds scored in two or more epochs whose scores are not all equal; Mean SD: the mean sample SD of those scores.',
    ]);
  }
  const served = servedModelLines(m);
  if (served.length > 0) {
    const note =
      'As each vendor reported it per answer (response model, fingerprint, digest, path), with answer counts.';
    section(
      '服务端模型 (Served models)',
      served.flatMap((l) => wrap(l.text, '  ').map(l.changed ? paint.warn : plain)),
      [note],
    );
  }
  return `${out.join('\n')}\n`;
}
