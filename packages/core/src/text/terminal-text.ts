/**
 * The one sanitiser for text that reaches a terminal or a text export (stdout, stderr, progress,
 * summary.txt, answers.csv, validation messages). Vendor replies, error bodies and dataset fields
 * are untrusted: a C0/C1 control or an ESC sequence printed raw can clear the screen, retitle the
 * window (OSC 0) or plant links (OSC 8). Every such character is written out visibly as `\xHH`
 * instead, so it is seen and never interpreted. Line feeds and tabs stay (they are layout), and a
 * carriage return only as part of CRLF (a lone one rewrites the line already on screen).
 *
 * results.json keeps the vendor's exact text: JSON escapes what it carries (see {@link terminalSafeJson}).
 */

/** C0 controls but TAB and LF, a CR not followed by LF, DEL, and the C1 controls (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/g;

const UNSAFE_ONE = new RegExp(UNSAFE.source);

/** `\x1b` for ESC: how an unsafe character is shown. */
function visible(char: string): string {
  return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** `text` with every control character (except LF, TAB and the CR of a CRLF) shown as `\xHH`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Whether `text` would be changed by {@link terminalSafe}. */
export function hasUnsafeControls(text: string): boolean {
  return UNSAFE_ONE.test(text);
}

/** Characters `JSON.stringify` leaves raw that a terminal would still act on: DEL and C1. */
const JSON_RAW_CONTROLS = /[\x7f-\x9f]/g;

/**
 * `JSON.stringify(value, null, indent)` safe to print and to write where people `cat` it: JSON
 * already escapes C0 controls (ESC becomes `\u001b`); DEL and C1 are escaped the same way here.
 * The parsed value is exactly the same.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent) as string | undefined;
  return escapeJsonControls(json ?? 'null');
}

/** JSON text with DEL and C1 characters (legal raw inside JSON strings) written as `\u00XX` escapes. */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
