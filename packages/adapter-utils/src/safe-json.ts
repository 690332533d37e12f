import { InvalidResponseError } from '@sc-safety/spec';
import { redactBody, redactSecrets } from './redact.js';

/** Longest snippet of the offending text kept in a parse failure. */
export const JSON_SNIPPET_LENGTH = 200;

/** Why a text was not valid JSON. */
export interface JsonParseFailure {
  /** What was wrong, e.g. `Unexpected end of JSON input at position 57`, `empty body`. */
  message: string;
  /** Offset of the problem in the text, when known. */
  position?: number;
  /** Up to ~200 characters of the text around the problem, secrets redacted. */
  snippet: string;
}

export type SafeParseJsonResult<T = unknown> =
  | { success: true; value: T }
  | { success: false; error: JsonParseFailure };

export interface SafeParseJsonOptions {
  /** Prefix for the message, e.g. `DashScope response`. */
  context?: string;
  /** Secret values to redact from the snippet besides the usual shapes. */
  secrets?: readonly (string | undefined)[];
}

/**
 * Parses JSON without throwing. On failure the message says what was wrong (empty body, HTML error
 * page, where the syntax broke) and carries a short redacted snippet, never V8's own message, which
 * can quote the whole input.
 */
export function safeParseJson<T = unknown>(text: string, options: SafeParseJsonOptions = {}): SafeParseJsonResult<T> {
  // A byte-order mark is invisible in logs and makes JSON.parse fail at position 0.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const prefix = options.context === undefined ? '' : `${options.context}: `;
  const trimmed = source.trimStart();
  if (trimmed.length === 0) {
    return fail(`${prefix}empty body`, undefined, source, options);
  }
  if (trimmed.startsWith('<')) {
    const tag = /^<[!?]?[A-Za-z][^\s>]*/.exec(trimmed)?.[0] ?? '<';
    const html = /^<(?:!doctype\s+html|html|head|body)\b/i.test(trimmed);
    const what = html ? 'HTML' : 'markup';
    return fail(`${prefix}${what} instead of JSON (starts with ${tag}>)`, 0, source, options);
  }
  try {
    return { success: true, value: JSON.parse(source) as T };
  } catch (error) {
    const { reason, position } = describeSyntaxError(error, source);
    const where = position === undefined ? '' : ` at position ${position}`;
    return fail(`${prefix}${reason}${where}`, position, source, options);
  }
}

export interface ParseJsonOrThrowOptions extends SafeParseJsonOptions {
  /** HTTP status to put on the error. */
  status?: number;
  /** Vendor request id to put on the error. */
  requestId?: string;
}

/** Parses JSON or throws spec's `InvalidResponseError` with the diagnostic message and a redacted body. */
export function parseJsonOrThrow<T = unknown>(text: string, options: ParseJsonOrThrowOptions = {}): T {
  const result = safeParseJson<T>(text, options);
  if (result.success) return result.value;
  const snippet = result.error.snippet.length > 0 ? ` Body: ${result.error.snippet}` : '';
  throw new InvalidResponseError({
    message: `Invalid JSON: ${result.error.message}.${snippet}`,
    body: redactBody(text, options.secrets ?? []),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
  });
}

function describeSyntaxError(error: unknown, text: string): { reason: string; position: number | undefined } {
  const raw = error instanceof Error ? error.message : String(error);
  if (/Unexpected end of JSON input/i.test(raw)) {
    return { reason: 'Unexpected end of JSON input', position: text.length };
  }
  const positionMatch = /at position (\d+)/.exec(raw);
  const position = positionMatch?.[1] === undefined ? undefined : Number(positionMatch[1]);
  // V8 appends `, "<the input>" is not valid JSON` or `in JSON at position N (line L column C)`.
  const reason = raw
    .replace(/,\s*"[\s\S]*" is not valid JSON$/, '')
    .replace(/\s*(?:in JSON\s*)?at position \d+[\s\S]*$/, '')
    .replace(/\s+in JSON$/, '')
    .trim();
  const described = reason.length > 0 ? reason : 'Invalid JSON';
  // A failure at the very end means the body was cut off, the most common cause and the useful one to name.
  if (position !== undefined && position >= text.trimEnd().length) {
    const detail = described.charAt(0).toLowerCase() + described.slice(1);
    return { reason: `Unexpected end of JSON input (${detail})`, position };
  }
  return { reason: described, position };
}

function fail<T>(
  message: string,
  position: number | undefined,
  text: string,
  options: SafeParseJsonOptions,
): SafeParseJsonResult<T> {
  return {
    success: false,
    error: {
      message,
      ...(position === undefined ? {} : { position }),
      snippet: makeSnippet(text, position, options.secrets),
    },
  };
}

/** A readable, redacted window of at most ~200 characters, centred near the error when far in. */
function makeSnippet(
  text: string,
  position: number | undefined,
  secrets: readonly (string | undefined)[] = [],
): string {
  const redacted = redactSecrets(text, secrets);
  // Redaction changes lengths; map the window to the redacted text only when nothing was replaced.
  const pos = redacted === text ? position : undefined;
  let start = 0;
  if (pos !== undefined && pos > JSON_SNIPPET_LENGTH - 40) {
    start = Math.max(0, Math.min(pos - Math.floor(JSON_SNIPPET_LENGTH / 2), redacted.length - JSON_SNIPPET_LENGTH));
  }
  const window = redacted.slice(start, start + JSON_SNIPPET_LENGTH);
  const head = start > 0 ? '…' : '';
  const tail = start + JSON_SNIPPET_LENGTH < redacted.length ? '…' : '';
  return `${head}${window.replace(/\s+/g, ' ')}${tail}`;
}
