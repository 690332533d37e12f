import { LineCounter, isAlias, isCollection, parseDocument, visit, type Document } from 'yaml';
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

/**
 * The deepest nesting a config may have. A real config is five or six levels deep; a limit keeps a
 * hostile or broken file (thousands of `[`) from overflowing the stack of every later pass.
 */
export const MAX_CONFIG_DEPTH = 64;

/** Alias expansions a YAML config may make (an "alias bomb" makes billions from a few lines). */
export const MAX_YAML_ALIAS_COUNT = 1000;

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
  const shape = structureProblem(doc);
  if (shape !== undefined) {
    const { line, col } = lineCounter.linePos(shape.offset);
    return { ok: false, problems: [{ path: '', message: shape.message, line, column: col }] };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }) as unknown };
  } catch {
    // yaml throws here for an alias with no anchor (`apiKey: *abc`) or too many alias expansions;
    // its message quotes the alias text, which may be a pasted key, so it is not passed on.
    const unresolved = unresolvedAliasOffset(doc);
    const at = unresolved ?? firstAliasOffset(doc);
    const message =
      unresolved === undefined
        ? `the aliases (*name) expand to more than ${MAX_YAML_ALIAS_COUNT} values (an alias bomb?); write the values out`
        : 'an alias (*name) refers to no anchor (&name) defined before it; quote the value if "*" is part of the text';
    const problem: RunConfigProblem = { path: '', message };
    if (at !== undefined) {
      const { line, col } = lineCounter.linePos(at);
      return { ok: false, problems: [{ ...problem, line, column: col }] };
    }
    return { ok: false, problems: [problem] };
  }
}

/**
 * An alias inside the very node it names (`a: &a [*a]`: a value that contains itself, which no
 * config can mean and every later pass would recurse into forever), or nesting deeper than
 * {@link MAX_CONFIG_DEPTH}; with the source offset to report.
 */
function structureProblem(doc: Document): { offset: number; message: string } | undefined {
  let found: { offset: number; message: string } | undefined;
  visit(doc, {
    Alias(_key, node, path) {
      const target = node.resolve(doc);
      if (target !== undefined && path.includes(target)) {
        found = {
          offset: node.range?.[0] ?? 0,
          message:
            'an alias (*name) is inside the value its anchor (&name) names, so the value would contain itself; write the value out',
        };
        return visit.BREAK;
      }
      return undefined;
    },
    Node(_key, node, path) {
      if (isCollection(node) && path.filter((p) => isCollection(p)).length >= MAX_CONFIG_DEPTH) {
        found = {
          offset: node.range?.[0] ?? 0,
          message: `nested more than ${MAX_CONFIG_DEPTH} levels deep; a run config needs a handful`,
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Source offset of the first alias in the document, if any. */
function firstAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
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
  const tooDeep = offsetBeyondDepth(body, MAX_CONFIG_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(body, tooDeep);
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: `nested more than ${MAX_CONFIG_DEPTH} levels deep; a run config needs a handful`,
          line,
          column,
        },
      ],
    };
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const described = describeJsonError(error);
    const { line, column } = lineAndColumn(body, described.position ?? locateJsonError(body) ?? body.length);
    return { ok: false, problems: [{ path: '', message: described.message, line, column }] };
  }
}

/** Offset of the first `[` or `{` (outside strings) that opens nesting level `max + 1`, if any. */
function offsetBeyondDepth(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}
