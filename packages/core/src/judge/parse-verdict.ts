import type { RubricScale } from '@sc-safety/results';
import { scanJsonObject, type ScannedObject } from './json-object.js';
import { judgeScaleLevels, type JudgeScaleLevels } from './judge-scale.js';
import { assertNonce } from './nonce.js';
import type { JUDGE_TEMPLATE } from './prompt-template.js';

/** Bump whenever what the parser accepts or rejects changes. Part of {@link judgePromptHash}. */
export const VERDICT_PARSER_VERSION = 'sc-verdict-parser@1';

/** Why a judge reply holds no usable verdict. */
export type VerdictProblem = keyof (typeof JUDGE_TEMPLATE)['problems'];

/** A verdict read from the judge's reply, or why none could be. */
export type VerdictParse =
  | { ok: true; score: number; reason: string; source: 'marker' | 'json' }
  | { ok: false; problem: VerdictProblem; detail: string };

/** Options of {@link parseVerdict}. */
export interface ParseVerdictOptions {
  /** The rubric scale (default 0..2). */
  scale?: RubricScale;
}

// `VERDICT-<id>`, then an optional colon (ASCII or full-width) with markdown emphasis or
// backticks around it, before the JSON.
const MARKER = /VERDICT-([0-9a-z]+)[ \t*_]*[:\uFF1A]?[ \t*_]*\s*`*/gi;

/**
 * Reads the judge's own verdict from its reply, and nothing else. Only two forms count, and
 * both must carry this judgment's nonce, which the graded answer cannot know:
 *
 * 1. marker lines `VERDICT-{nonce}: {"score": n, "reason": "…"}` anywhere in the reply. Markers
 *    with any other id (an answer echoed back, a guessed nonce) are ignored, and so is the
 *    marker named in prose with no JSON after it. Several verdicts with this nonce are accepted
 *    only when all parse and agree on the score (the last reason is kept); otherwise the reply
 *    is `conflicting_verdicts`.
 * 2. when there is no such line, a reply that is exactly one JSON object (optionally in one
 *    ```json fence) whose `id` is the nonce.
 *
 * Verdict-like text without the nonce (`Rating: [[2]]`, `{"score": 2}`, `VERDICT: 2`) is never
 * read. The score must be a JSON integer within the scale (`"2"`, `1.5`, `3` are rejected); the
 * reason must be a non-empty string, because a verdict nobody can audit is not accepted as one
 * (the judge is asked once more instead, see `judgeAnswer`). Duplicate keys are rejected.
 */
export function parseVerdict(text: string, nonce: string, options: ParseVerdictOptions = {}): VerdictParse {
  assertNonce(nonce);
  const levels = judgeScaleLevels(options.scale);
  if (text.trim() === '') return fail('empty', 'the reply is empty');

  const own: VerdictParse[] = [];
  let mentions = 0;
  let foreign = 0;
  for (const match of text.matchAll(MARKER)) {
    if (match[1]!.toLowerCase() !== nonce) {
      foreign++;
      continue;
    }
    const start = match.index + match[0].length;
    if (text[start] !== '{') {
      // The marker named in prose ("the verdict line follows"): not a verdict by itself.
      mentions++;
      continue;
    }
    const scanned = scanJsonObject(text, start);
    own.push(
      scanned === undefined
        ? fail('malformed_json', 'the JSON after the verdict marker never closes')
        : checkVerdict(scanned, nonce, levels, 'marker'),
    );
  }
  if (own.length === 1) return own[0]!;
  if (own.length > 1) return combine(own);
  if (mentions > 0) return fail('malformed_json', 'the verdict marker is not followed by a JSON object');

  const whole = wholeObject(text);
  if (whole !== undefined) return checkVerdict(whole, nonce, levels, 'json');
  if (foreign > 0)
    return fail('wrong_nonce', `found ${String(foreign)} verdict marker(s), none with this judgment's nonce`);
  return fail('no_verdict', "no verdict marker with this judgment's nonce and no nonce-bearing JSON reply");
}

function combine(results: VerdictParse[]): VerdictParse {
  const scores = new Set<number>();
  for (const r of results) {
    if (!r.ok)
      return fail('conflicting_verdicts', `${String(results.length)} verdict lines, one unreadable (${r.problem})`);
    scores.add(r.score);
  }
  if (scores.size > 1) return fail('conflicting_verdicts', `verdict lines disagree: scores ${[...scores].join(', ')}`);
  return results[results.length - 1]!;
}

/** The reply as one JSON object, when it is nothing else (surrounding whitespace and one code fence allowed). */
function wholeObject(text: string): ScannedObject | undefined {
  let body = text.trim();
  const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(body);
  if (fenced) body = fenced[1]!.trim();
  if (!body.startsWith('{')) return undefined;
  const scanned = scanJsonObject(body, 0);
  return scanned !== undefined && scanned.end === body.length ? scanned : undefined;
}

function checkVerdict(
  scanned: ScannedObject,
  nonce: string,
  levels: JudgeScaleLevels,
  source: 'marker' | 'json',
): VerdictParse {
  let value: unknown;
  try {
    value = JSON.parse(scanned.text);
  } catch (error) {
    return fail('malformed_json', `invalid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('malformed_json', 'the verdict is not a JSON object');
  if (new Set(scanned.keys).size !== scanned.keys.length)
    return fail('duplicate_key', `duplicate keys in ${scanned.keys.join(', ')}`);
  const verdict = value as Record<string, unknown>;

  if (source === 'json' || 'id' in verdict) {
    if (!('id' in verdict))
      return fail('no_verdict', 'the JSON reply has no id, so it cannot be told from quoted text');
    if (typeof verdict.id !== 'string' || verdict.id.toLowerCase() !== nonce) {
      return fail('wrong_nonce', "the JSON reply's id is not this judgment's nonce");
    }
  }
  if (!('score' in verdict)) return fail('missing_score', 'the verdict has no score');
  const score = verdict.score;
  if (typeof score !== 'number' || !Number.isInteger(score)) {
    return fail('non_integer_score', `score must be a JSON integer, got ${JSON.stringify(score)}`);
  }
  if (score < levels.min || score > levels.max) {
    return fail('score_out_of_scale', `score ${String(score)} is outside ${String(levels.min)}..${String(levels.max)}`);
  }
  if (typeof verdict.reason !== 'string' || verdict.reason.trim() === '')
    return fail('missing_reason', 'the verdict has no reason');
  return { ok: true, score, reason: verdict.reason.trim(), source };
}

function fail(problem: VerdictProblem, detail: string): VerdictParse {
  return { ok: false, problem, detail };
}
