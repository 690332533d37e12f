import { isUtf8 } from 'node:buffer';

/**
 * UTF-8 byte strings: a string with one character (U+0000–U+00FF) per byte of some UTF-8 text, as
 * `buffer.toString('latin1')` makes it. The streaming reader can hand answers over with such strings
 * ({@link import('./results-reader.js').ReadResultsOptions}): decoding a run of answers this way and
 * parsing it costs about half what decoding the UTF-8 does, and a consumer that only copies the
 * strings on (the report packs them and writes them back out as bytes) never needs the text.
 * Equal texts have equal byte strings, so comparing, interning and `JSON.stringify` (which escapes
 * only ASCII characters and lone surrogates) work on them unchanged; only lengths and the characters
 * themselves differ. A lone surrogate (from a `\udXXX` escape: it has no UTF-8) stays itself, so
 * `JSON.stringify` escapes it as it would in the text.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ABOVE_LATIN1 = /[\u0100-\uffff]/;
const LATIN1_RUN = /[^\u0100-\uffff]+/g;

/** The text a UTF-8 byte string stands for. */
export function fromUtf8Bytes(bytes: string): string {
  if (!ABOVE_LATIN1.test(bytes)) return Buffer.from(bytes, 'latin1').toString('utf8');
  return bytes.replace(LATIN1_RUN, (run) => Buffer.from(run, 'latin1').toString('utf8'));
}

/** The UTF-8 byte string of a text. */
export function toUtf8Bytes(text: string): string {
  let bytes = '';
  let last = 0;
  for (const lone of text.matchAll(LONE_SURROGATE)) {
    bytes += Buffer.from(text.slice(last, lone.index), 'utf8').toString('latin1') + lone[0];
    last = lone.index + 1;
  }
  return bytes + Buffer.from(text.slice(last), 'utf8').toString('latin1');
}

const ESCAPE_U = Buffer.from('\\u');

/**
 * Whether JSON bytes can be decoded as UTF-8 byte strings as they are: valid UTF-8 (invalid bytes
 * must become U+FFFD, as UTF-8 decoding makes them) and no `\uXXXX` escape above U+007F (JSON.parse
 * would turn it into the character itself, which is not one byte). A `\\u` (an escaped backslash
 * before a `u`) counts too: such runs only take the slower way.
 */
export function isPlainUtf8Json(json: Uint8Array): boolean {
  if (!isUtf8(json)) return false;
  const bytes = Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  for (let i = bytes.indexOf(ESCAPE_U); i >= 0; i = bytes.indexOf(ESCAPE_U, i + 2)) {
    const code = Number.parseInt(bytes.toString('latin1', i + 2, i + 6), 16);
    if (!(code < 0x80)) return false;
  }
  return true;
}
