import { LineCounter, isAlias, parseDocument, visit, type Document } from 'yaml';
import { describeJsonError, lineAndColumn } from '../dataset/json-error.js';
import { locateJsonError } from './locate-json-error.js';
import type { RunConfigProblem } from './run-config-error.js';

/** The syntaxes a run config may be written in. */
export type RunConfigFormat = 'yaml' | 'json';

/** The format a config file name implies: `.yaml`/`.yml` → yaml, `.json` → json, else undefined. */
export function configFormatOf(file: string): RunConfigFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** A parsed document, or the syntax errors with their 1-based positions. */
export type ParsedConfigText = { ok: true; value: unknown } | { ok: false; problems: RunConfigProblem[] };

/**
 * Parses config text. Error messages never quote the source line: a syntax error next to a pasted
 * API key would otherwise print the key.
 */
export function parseConfigText(text: string, format: RunConfigFormat): ParsedConfigText {
  return format === 'json' ? parseJson(text) : parseYaml(text);
}

function parseYaml(text: string): ParsedConfigText {
  const lineCounter = new LineCounter();
  // prettyErrors would append the offending source line to each message.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '', message: `${error.message} (YAML ${error.code})`, line, column: col };
      }),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) as unknown };
  } catch {
    // yaml throws here for an alias with no anchor (`apiKey: *abc`) or too many alias expansions;
    // its message quotes the alias text, which may be a pasted key, so it is not passed on.
    const at = unresolvedAliasOffset(doc);
    const message =
      at === undefined
        ? 'the document expands aliases (*name) too many times or could not be resolved; write the values out'
        : 'an alias (*name) refers to no anchor (&name) defined before it; quote the value if "*" is part of the text';
    const problem: RunConfigProblem = { path: '', message };
    if (at !== undefined) {
      const { line, col } = lineCounter.linePos(at);
      return { ok: false, problems: [{ ...problem, line, column: col }] };
    }
    return { ok: false, problems: [problem] };
  }
}

/** Source offset of the first alias whose anchor is not defined before it, if any. */
function unresolvedAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        offset = node.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

function parseJson(text: string): ParsedConfigText {
  // A byte-order mark is legal at the start of a file but not in JSON.parse input.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const described = describeJsonError(error);
    const { line, column } = lineAndColumn(body, described.position ?? locateJsonError(body) ?? body.length);
    return { ok: false, problems: [{ path: '', message: described.message, line, column }] };
  }
}
