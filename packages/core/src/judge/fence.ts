import { assertNonce } from './nonce.js';

/** Fence labels used in judge prompts. */
export type FenceLabel =
  | 'SYSTEM'
  | 'QUESTION'
  | 'ROUND1-ANSWER'
  | 'FOLLOWUP'
  | 'ANSWER'
  | `TURN-${number}-USER`
  | `TURN-${number}-ANSWER`;

// Runs of three or more angle brackets, ASCII or look-alike (full-width, small form): anything
// that could read as the start or end of a fence.
const OPEN_RUN = /[<\uFF1C\uFE64]{3,}/g;
const CLOSE_RUN = /[>\uFF1E\uFE65]{3,}/g;
/** Either kind of run: text without one (nearly every answer) is scanned once, not twice. */
const ANY_RUN = /[<\uFF1C\uFE64]{3}|[>\uFF1E\uFE65]{3}/;

/** Replacement shown to the judge where the data tried to open or close a fence. */
const OPEN_SAFE = '\u2039';
const CLOSE_SAFE = '\u203A';

/**
 * Makes text safe to place inside a fence: every run of three or more angle brackets becomes the
 * same number of single guillemets (`<<<` → `‹‹‹`), so the text can hold no delimiter of any
 * nonce, and the nonce itself (should it ever occur) is masked. Everything else is kept verbatim.
 */
export function neutralizeDelimiters(text: string, nonce?: string): string {
  let out = ANY_RUN.test(text)
    ? text
        .replace(OPEN_RUN, (run) => OPEN_SAFE.repeat([...run].length))
        .replace(CLOSE_RUN, (run) => CLOSE_SAFE.repeat([...run].length))
    : text;
  if (nonce !== undefined && nonce !== '' && out.includes(nonce)) out = out.split(nonce).join('[nonce]');
  return out;
}

/** The opening delimiter line of a fence. */
export function openDelimiter(label: FenceLabel, nonce: string): string {
  return `<<<${label}-${nonce}>>>`;
}

/** The closing delimiter line of a fence. */
export function closeDelimiter(label: FenceLabel, nonce: string): string {
  return `<<<END-${label}-${nonce}>>>`;
}

/** `text`, neutralised, between delimiter lines that carry the nonce. */
export function fence(label: FenceLabel, text: string, nonce: string): string {
  assertNonce(nonce);
  return `${openDelimiter(label, nonce)}\n${neutralizeDelimiters(text, nonce)}\n${closeDelimiter(label, nonce)}`;
}

/**
 * The text inside the first fence `label` with this nonce in `source`, or undefined when there is
 * none. Inverse of {@link fence} for text that needed no neutralising.
 */
export function unfence(source: string, label: FenceLabel, nonce: string): string | undefined {
  const open = `${openDelimiter(label, nonce)}\n`;
  const close = `\n${closeDelimiter(label, nonce)}`;
  const start = source.indexOf(open);
  if (start < 0) return undefined;
  const end = source.indexOf(close, start + open.length);
  if (end < 0) return undefined;
  return source.slice(start + open.length, end);
}
