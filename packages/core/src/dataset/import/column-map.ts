/** The columns (JSONL fields or CSV headers) a generic import reads, from `--map`. */
export interface ColumnMap {
  /** The item's own id; without it ids are made from the line number. */
  id?: string;
  prompt: string;
  /** The follow-up (round 2); without it, or when a row leaves it empty, the item is single-turn. */
  followup?: string;
  /** The label mapped to our sub-dimensions. */
  dimension: string;
  /** Kept under `meta.labels` (our category follows from the sub-dimension). */
  category?: string;
}

const MAP_KEYS = ['id', 'prompt', 'followup', 'dimension', 'category'] as const;

const MARKER = Symbol.for('@sc-safety/core.import-option-error');

/** A bad import option (`--map`, `--map-dimension`, `--out`); the message says how to write it. */
export class ImportOptionError extends Error {
  readonly [MARKER] = true;
  readonly code = 'import_options_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ImportOptionError';
  }

  /** Works across duplicate copies of this package, where `instanceof` does not. */
  static isInstance(error: unknown): error is ImportOptionError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/**
 * Parses `id=qid,prompt=question,followup=q2,dimension=label,category=cat`. `prompt` and
 * `dimension` are required; every key at most once.
 *
 * @throws {ImportOptionError} naming the bad part.
 */
export function parseColumnMap(text: string): ColumnMap {
  const map: Partial<Record<(typeof MAP_KEYS)[number], string>> = {};
  const example = '--map id=qid,prompt=question,followup=q2,dimension=label';
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part.trim() : part.slice(0, eq).trim();
    const column = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!(MAP_KEYS as readonly string[]).includes(key)) {
      throw new ImportOptionError(`--map: unknown key "${key}"; the keys are ${MAP_KEYS.join(', ')} (e.g. ${example})`);
    }
    if (column === '') throw new ImportOptionError(`--map: "${key}" names no column; write ${key}=<column name>`);
    if (map[key as keyof typeof map] !== undefined) throw new ImportOptionError(`--map: "${key}" is given twice`);
    map[key as keyof typeof map] = column;
  }
  for (const key of ['prompt', 'dimension'] as const) {
    if (map[key] === undefined) throw new ImportOptionError(`--map: "${key}" is required (e.g. ${example})`);
  }
  return map as ColumnMap;
}

/**
 * Parses `--map-dimension` values (`src=ours`, repeatable): a source label and the sub-dimension it
 * should go to. The label may contain `=` only before the last one.
 *
 * @throws {ImportOptionError} for a value without `=` or a label given twice.
 */
export function parseDimensionOverrides(values: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const label = eq < 0 ? '' : value.slice(0, eq).trim();
    const target = eq < 0 ? '' : value.slice(eq + 1).trim();
    if (label === '' || target === '') {
      throw new ImportOptionError(
        `--map-dimension "${value}": write <source label>=<sub-dimension>, e.g. "Toxic language=insult"`,
      );
    }
    if (out.has(label)) throw new ImportOptionError(`--map-dimension: the label "${label}" is mapped twice`);
    out.set(label, target);
  }
  return out;
}
