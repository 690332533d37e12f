import { ANSWER_OUTCOMES } from '@sc-safety/results';
import type { ResultsAnswer } from '@sc-safety/results';
import type { PackedAnswers, PackedJudgment, PackedRow, PackedString, ReportAnswer } from './report-data.js';

const JUDGE_OUTCOMES = ['scored', 'judge_unparseable', 'judge_error'] as const;

/** Strings longer than this are written in place, not interned (see {@link PackedAnswers}). */
const INTERN_MAX_LENGTH = 64;

/**
 * How a packer's strings come: as text, or as UTF-8 byte strings (one character per byte of the
 * text's UTF-8, as core's streaming reader can hand them over).
 */
export type PackerStrings = 'text' | 'utf8-bytes';

/**
 * The UTF-16 length of the text a UTF-8 byte string stands for, when that may be within `max` (a
 * UTF-16 unit takes one to three bytes, so only byte strings up to 3 × `max` long need counting).
 */
function textLength(bytes: string, max: number): number {
  if (bytes.length > 3 * max) return bytes.length;
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1; // a character starts here; four bytes are two units
  }
  return n;
}

/** Interns short strings into one table so repeated ids and reasons are stored once. */
class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly utf8Bytes: boolean) {}

  ref(value: string | null | undefined): PackedString {
    if (value === null || value === undefined) return -1;
    // The limit counts the text's UTF-16 units, whatever form the strings come in (the same packing either way).
    if (
      value.length > INTERN_MAX_LENGTH &&
      (!this.utf8Bytes || textLength(value, INTERN_MAX_LENGTH) > INTERN_MAX_LENGTH)
    )
      return value;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

const num = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : -1);

function codeOf(list: readonly string[], value: string): number {
  const i = list.indexOf(value);
  if (i < 0) throw new Error(`unknown outcome ${JSON.stringify(value)}`);
  return i;
}

/**
 * Packs a run's answers for embedding (see {@link PackedAnswers}). Only what the report shows is
 * kept: vendor request ids, token counts and store keys stay in results.json.
 *
 * @throws when an answer has an outcome the report does not know (a newer schema).
 */
export function packAnswers(answers: Iterable<ResultsAnswer>): PackedAnswers {
  const packer = new AnswerPacker();
  for (const a of answers) packer.add(a);
  return packer.packed();
}

/**
 * {@link packAnswers} one answer at a time, for a reader that sees each answer once as it streams by.
 * Fed UTF-8 byte strings, it packs them as such: the packed JSON, written out as Latin-1, is then the
 * same bytes as the text's packed JSON written out as UTF-8.
 */
export class AnswerPacker {
  private readonly table: StringTable;
  private readonly rows: PackedRow[] = [];

  constructor(strings: PackerStrings = 'text') {
    this.table = new StringTable(strings === 'utf8-bytes');
  }

  /** @throws when the answer has an outcome the report does not know. */
  add(answer: ResultsAnswer): void {
    this.rows.push(packRow(this.table, answer));
  }

  packed(): PackedAnswers {
    return { strings: this.table.strings, rows: this.rows };
  }
}

function packRow(t: StringTable, a: ResultsAnswer): PackedRow {
  const judgments = (a.judgments ?? []).map(
    (j): PackedJudgment => [
      t.ref(j.judgeId),
      codeOf(JUDGE_OUTCOMES, j.outcome),
      num(j.score),
      t.ref(j.reason),
      t.ref(j.error),
    ],
  );
  const block: PackedRow[14] = a.block
    ? [t.ref(a.block.stage), t.ref(a.block.code), t.ref(a.block.message), t.ref(a.block.partialText)]
    : 0;
  const error: PackedRow[15] = a.error ? [t.ref(a.error.kind), t.ref(a.error.message), num(a.error.status)] : 0;
  const row: PackedRow = [
    t.ref(a.model),
    t.ref(a.itemId),
    t.ref(a.category),
    t.ref(a.dimension),
    a.round,
    codeOf(ANSWER_OUTCOMES, a.outcome),
    num(a.score),
    (a.vendorBlocked ? 1 : 0) | (a.cached ? 2 : 0),
    t.ref(a.text ?? ''),
    t.ref(a.prompt),
    t.ref(a.previousReply),
    t.ref(a.system),
    t.ref(a.reasoningText),
    judgments,
    block,
    error,
    num(a.latencyMs),
    t.ref(a.finishReason?.unified),
    num(a.panel?.spread),
  ];
  // Adaptive turns only, so frozen rows keep their length.
  if (a.followup) row.push([t.ref(a.followup.strategy), t.ref(a.followup.outcome), t.ref(a.followup.attacker)]);
  return row;
}

/**
 * Unpacks {@link packAnswers}' output into the objects the views use.
 *
 * @param first the run-wide position of the first row (a chunk after the first starts past 0).
 */
export function unpackAnswers(packed: PackedAnswers, first = 0): ReportAnswer[] {
  const s = packed.strings;
  const str = (i: PackedString): string | null => (typeof i === 'string' ? i : i < 0 ? null : (s[i] ?? null));
  const req = (i: PackedString): string => str(i) ?? '';
  const opt = (n: number): number | null => (n < 0 ? null : n);
  return packed.rows.map((r, i): ReportAnswer => {
    const block = r[14];
    const error = r[15];
    const followup = r[19];
    return {
      index: first + i,
      model: req(r[0]),
      itemId: req(r[1]),
      category: req(r[2]),
      dimension: req(r[3]),
      round: r[4] >= 1 ? r[4] : 1,
      outcome: ANSWER_OUTCOMES[r[5]] ?? 'scored',
      score: opt(r[6]),
      vendorBlocked: (r[7] & 1) !== 0,
      cached: (r[7] & 2) !== 0,
      text: req(r[8]),
      prompt: str(r[9]),
      previousReply: str(r[10]),
      system: str(r[11]),
      reasoningText: str(r[12]),
      judgments: r[13].map((j) => ({
        judgeId: req(j[0]),
        outcome: JUDGE_OUTCOMES[j[1]] ?? 'judge_error',
        score: opt(j[2]),
        reason: str(j[3]),
        error: str(j[4]),
      })),
      block:
        block === 0
          ? null
          : { stage: req(block[0]), code: req(block[1]), message: req(block[2]), partialText: str(block[3]) },
      error: error === 0 ? null : { kind: req(error[0]), message: req(error[1]), status: opt(error[2]) },
      latencyMs: opt(r[16]),
      finishReason: str(r[17]),
      panelSpread: opt(r[18]),
      followup: followup ? { strategy: req(followup[0]), outcome: req(followup[1]), attacker: req(followup[2]) } : null,
    };
  });
}
