import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { writeTempFile } from '../../export/atomic-write.js';
import { makeDirs } from '../../fs/make-dirs.js';
import { Taxonomy, type DimensionExtension } from '@sc-safety/results';
import { DatasetError } from '../errors.js';
import { describeValue, IssueCollector } from '../issues.js';
import { ItemValidator } from '../item-validator.js';
import { DATASET_SCHEMA, type DatasetHeaderInfo, type DatasetItem } from '../types.js';
import { ImportOptionError, type ColumnMap } from './column-map.js';
import { csvEntries, jsonlEntries, keyedListEntries, type SourceEntry } from './source-entries.js';
import { guessFormat, KNOWN_SOURCES, type ImportFormatId, type KnownSource } from './source-formats.js';

/** Options of {@link importDataset}. */
export interface ImportOptions {
  format: ImportFormatId;
  /** The source file. */
  input: string;
  /** The dataset file to write (JSONL). */
  out: string;
  /** Base for relative paths; default `process.cwd()`. */
  cwd?: string;
  /** Columns to read, for `jsonl` and `csv` (required there, refused for the others). */
  map?: ColumnMap;
  /** Source label → our sub-dimension (id or Chinese name), overriding the built-in table. */
  mapDimension?: ReadonlyMap<string, string>;
  /** Header fields; for known sources name, licence and citation default to the source's own. */
  name?: string;
  version?: string;
  licence?: string;
  citation?: string;
  /** The `source.name` of a generic import (default: the input file's base name). */
  sourceName?: string;
  /** Issues kept before the rest are only counted (default 200). */
  maxIssues?: number;
  /** Called every {@link PROGRESS_EVERY} records read and once at the end, for progress output. */
  onProgress?: (progress: { records: number; done: boolean }) => void;
}

/** How often (in records) {@link ImportOptions.onProgress} is called. */
export const PROGRESS_EVERY = 10_000;

/** How many items one source label produced, and where they went. */
export interface LabelCount {
  label: string;
  dimension: string;
  items: number;
}

/** What an import wrote. */
export interface ImportResult {
  /** The absolute path written. */
  out: string;
  items: number;
  /** Items with no follow-up (all of them, unless a generic import mapped `followup`). */
  singleTurnItems: number;
  /** Per source label, in first-seen order. */
  labels: LabelCount[];
  header: DatasetHeaderInfo;
  /** Sub-dimensions the header declares (labels with no equivalent among ours). */
  declared: DimensionExtension[];
  /** Warnings (they do not stop the import). */
  warnings: IssueCollector['issues'];
}

/** What a record's fields mean: the same for every record of a format. */
interface FieldSpec {
  name: string;
  idPrefix: string;
  prompt: string;
  followup?: string;
  /** `undefined` for Safety-Prompts, whose label is the key. */
  label?: string;
  id?: string;
  /** Source fields kept under `meta.labels`. */
  kept: string[];
  labels: Readonly<Record<string, string>>;
  extensions: readonly DimensionExtension[];
  known?: KnownSource;
}

function fieldSpec(options: ImportOptions, file: string): FieldSpec {
  if (options.format === 'jsonl' || options.format === 'csv') {
    const map = options.map;
    if (map === undefined) {
      throw new ImportOptionError(
        `the ${options.format} format needs --map naming the columns, e.g. --map id=qid,prompt=question,dimension=label`,
      );
    }
    const kept = [map.dimension, ...(map.category !== undefined ? [map.category] : [])];
    return {
      name: options.sourceName ?? file,
      idPrefix: 'item',
      prompt: map.prompt,
      ...(map.followup !== undefined ? { followup: map.followup } : {}),
      label: map.dimension,
      ...(map.id !== undefined ? { id: map.id } : {}),
      kept,
      labels: {},
      extensions: [],
    };
  }
  if (options.map !== undefined)
    throw new ImportOptionError(`--map is for the jsonl and csv formats; ${options.format} has fixed fields`);
  const known = KNOWN_SOURCES[options.format];
  return {
    name: known.name,
    idPrefix: known.idPrefix,
    prompt: known.promptField,
    ...(known.id === 'safety-prompts' ? {} : { label: known.labelField }),
    ...(known.idField !== undefined ? { id: known.idField } : {}),
    kept: [...known.keptFields],
    labels: known.labels,
    extensions: known.extensions,
    known,
  };
}

/** Checks the `--map-dimension` targets before reading anything. */
function checkOverrides(
  overrides: ReadonlyMap<string, string>,
  taxonomy: Taxonomy,
  spec: FieldSpec,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [label, target] of overrides) {
    const dim = taxonomy.dimension(target);
    if (dim === undefined) {
      const guess = taxonomy.suggestDimension(target);
      const declared =
        spec.extensions.length > 0
          ? `, or one this import declares (${spec.extensions.map((e) => e.id).join(', ')})`
          : '';
      throw new ImportOptionError(
        `--map-dimension "${label}=${target}": unknown sub-dimension "${target}"; ${guess ? `did you mean "${guess}"? ` : ''}` +
          `use one of our sub-dimension ids or Chinese names${declared} (see \`sc-safety dataset stats builtin:sample\`)`,
      );
    }
    out.set(label, dim.id);
  }
  return out;
}

/** `sha256:<hex>` of a file's bytes, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

function entriesOf(format: ImportFormatId, path: string, issues: IssueCollector): AsyncGenerator<SourceEntry> {
  if (format === 'safety-prompts') return keyedListEntries(path, issues);
  if (format === 'csv') return csvEntries(path, issues);
  return jsonlEntries(path, issues);
}

/**
 * Imports a public safety set (Flames, CValues, Safety-Prompts) or any JSONL / CSV file into an
 * sc-safety dataset: one item per source record, its label mapped to our taxonomy (the table in
 * docs/importing-datasets.md, `mapDimension` overriding it), labels with no equivalent declared as
 * their own sub-dimensions in the header, and provenance on every item (source, file, sha256, line
 * or key and index, the source's id and labels). The source is streamed, never loaded whole.
 *
 * Output is deterministic: importing the same file with the same options gives the same bytes.
 * Nothing is written unless every record is valid: items go to a temporary file, which becomes
 * `out` (header first) only at the end, by rename.
 *
 * @throws {ImportOptionError} for bad options (a missing `--map`, an unknown override target).
 * @throws {DatasetError} listing every bad record as file:line (nothing is written then).
 */
export async function importDataset(options: ImportOptions): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd();
  const input = resolve(cwd, options.input);
  const out = resolve(cwd, options.out);
  const file = basename(input);
  const issues = new IssueCollector(options.input, options.maxIssues);
  const spec = fieldSpec(options, file);
  const taxonomy = new Taxonomy(spec.extensions);
  const overrides = checkOverrides(options.mapDimension ?? new Map(), taxonomy, spec);
  if (input === out) throw new ImportOptionError('--out is the input file; write the dataset to another file');

  try {
    const info = await stat(input);
    if (!info.isFile())
      throw new DatasetError([
        { file: options.input, message: 'not a file; give the path of the source file', severity: 'error' },
      ]);
  } catch (error) {
    if (DatasetError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `file not found (${input}); check the path`
        : `cannot read the file: ${(error as Error).message}`;
    throw new DatasetError([{ file: options.input, message, severity: 'error' }]);
  }
  const sha256 = await sha256File(input);
  const header: DatasetHeaderInfo = {
    name: options.name ?? spec.name,
    ...(options.version !== undefined ? { version: options.version } : {}),
    ...((options.licence ?? spec.known?.licence) !== undefined
      ? { licence: (options.licence ?? spec.known?.licence)! }
      : {}),
    ...((options.citation ?? spec.known?.citation) !== undefined
      ? { citation: (options.citation ?? spec.known?.citation)! }
      : {}),
    source: { name: spec.name, file, sha256 },
  };

  // Ids made from positions (line, key and index) cannot repeat; only source ids need the check,
  // whose memory grows with the file.
  const validator = new ItemValidator(taxonomy, issues, { checkDuplicateIds: spec.id !== undefined });
  const counts = new Map<string, LabelCount>();
  let items = 0;
  let singles = 0;

  let records = 0;
  async function* body(): AsyncGenerator<string> {
    for await (const entry of entriesOf(options.format, input, issues)) {
      if (++records % PROGRESS_EVERY === 0) options.onProgress?.({ records, done: false });
      const item = toItem(entry, { spec, overrides, header, taxonomy }, issues);
      if (item === undefined) continue;
      const checked = validator.check(item.item, { line: entry.line });
      if (checked === undefined) continue;
      const count = counts.get(item.label) ?? { label: item.label, dimension: checked.dimension, items: 0 };
      count.items++;
      counts.set(item.label, count);
      items++;
      if (checked.turns.length === 1) singles++;
      if (!issues.hasErrors) yield `${JSON.stringify(item.item)}\n`;
    }
    options.onProgress?.({ records, done: true });
    issues.finish();
    if (items === 0 && !issues.hasErrors)
      issues.error(undefined, undefined, 'no records found; check the file and the format');
    // Throwing here makes writeTempFile delete what it wrote: nothing is left behind.
    if (issues.hasErrors) throw new DatasetError(issues.issues, { omitted: issues.omitted });
  }

  await makeDirs(dirname(out));
  const bodyFile = await writeTempFile(out, body());
  try {
    const used = new Set([...counts.values()].map((c) => c.dimension));
    const declared = spec.extensions.filter((e) => used.has(e.id));
    const headerLine = JSON.stringify({
      $schema: DATASET_SCHEMA,
      ...header,
      ...(declared.length > 0 ? { dimensions: declared } : {}),
    });
    const finalFile = await writeTempFile(out, concat(`${headerLine}\n`, bodyFile));
    try {
      await rename(finalFile, out);
    } catch (error) {
      await unlink(finalFile).catch(() => {});
      throw error;
    }
    return {
      out,
      items,
      singleTurnItems: singles,
      labels: [...counts.values()],
      header,
      declared,
      warnings: issues.warnings,
    };
  } finally {
    await unlink(bodyFile).catch(() => {});
  }
}

async function* concat(first: string, path: string): AsyncGenerator<string> {
  yield first;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) yield chunk as string;
}

/** A record's text field: a non-empty string, or an issue naming the source field. */
function text(
  entry: SourceEntry,
  field: string,
  spec: FieldSpec,
  issues: IssueCollector,
  required: boolean,
): string | undefined {
  const value = entry.fields[field];
  const at = { line: entry.line };
  const where = entry.key !== undefined ? `${entry.key}[${entry.index}].${field}` : field;
  if (value === undefined || value === null || value === '') {
    if (!required) return undefined;
    const hint = missingHint(entry, field, spec);
    issues.error(at, where, value === '' ? 'empty; every item needs a question' : `missing${hint}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.error(at, where, `expected a string, got ${describeValue(value)}`);
    return undefined;
  }
  if (value.trim() === '') {
    if (required) issues.error(at, where, 'empty; every item needs a question');
    return undefined;
  }
  return value;
}

function missingHint(entry: SourceEntry, field: string, spec: FieldSpec): string {
  const guess = guessFormat(entry.fields);
  if (guess !== undefined && guess !== spec.known?.id) {
    return `; this record looks like ${guess.startsWith('an ') ? guess : `the ${guess} format (import it with \`${guess}\`)`}`;
  }
  const fields = Object.keys(entry.fields)
    .slice(0, 8)
    .map((k) => `"${k}"`)
    .join(', ');
  if (spec.known !== undefined) {
    const expected = [spec.id, spec.prompt, spec.label, ...spec.kept].filter(
      (f, i, all) => f !== undefined && all.indexOf(f) === i,
    );
    return `; a ${spec.name} record has ${expected.map((f) => `"${f}"`).join(', ')} (this one has ${fields || 'no fields'})`;
  }
  return `; the record has ${fields || 'no fields'}: name the right column with --map ${field === spec.prompt ? 'prompt' : field === spec.id ? 'id' : 'dimension'}=<column>`;
}

/** The label of a record as a string (numbers are accepted as their decimal form). */
function labelOf(entry: SourceEntry, spec: FieldSpec, issues: IssueCollector): string | undefined {
  if (spec.label === undefined) return entry.key;
  const value = entry.fields[spec.label];
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  issues.error(
    { line: entry.line },
    spec.label,
    value === undefined || value === ''
      ? `missing${missingHint(entry, spec.label, spec)}`
      : `expected a string label, got ${describeValue(value)}`,
  );
  return undefined;
}

/** What every record of one import is read against. */
interface ImportContext {
  spec: FieldSpec;
  overrides: ReadonlyMap<string, string>;
  header: DatasetHeaderInfo;
  /** Ours plus the source's declared sub-dimensions. */
  taxonomy: Taxonomy;
}

function targetOf(label: string, ctx: ImportContext): string | undefined {
  const override = ctx.overrides.get(label);
  if (override !== undefined) return override;
  const table = ctx.spec.labels[label];
  if (table !== undefined) return table;
  if (ctx.spec.known !== undefined) return undefined;
  // A generic file may already use our names.
  return ctx.taxonomy.dimension(label)?.id;
}

function toItem(
  entry: SourceEntry,
  ctx: ImportContext,
  issues: IssueCollector,
): { item: DatasetItem; label: string } | undefined {
  const { spec, header } = ctx;
  const before = issues.errorCount;
  const at = { line: entry.line };
  const prompt = text(entry, spec.prompt, spec, issues, true);
  const followup = spec.followup !== undefined ? text(entry, spec.followup, spec, issues, false) : undefined;
  const label = labelOf(entry, spec, issues);
  let dimension: string | undefined;
  if (label !== undefined) {
    dimension = targetOf(label, ctx);
    if (dimension === undefined) {
      const known = Object.keys(spec.labels);
      const list = known.length > 0 ? `; ${spec.name}'s labels are ${known.map((l) => `"${l}"`).join(', ')}` : '';
      issues.error(
        at,
        spec.label ?? 'scenario',
        `unknown label "${label}"${list}; map it with --map-dimension "${label}=<sub-dimension id>" (see docs/importing-datasets.md)`,
      );
    }
  }
  let sourceId: string | number | undefined;
  if (spec.id !== undefined) {
    const raw = entry.fields[spec.id];
    if (
      spec.known?.idField !== undefined
        ? Number.isInteger(raw)
        : (typeof raw === 'string' && raw.trim() !== '') || Number.isFinite(raw)
    ) {
      sourceId = raw as string | number;
    } else {
      const want = spec.known?.idField !== undefined ? 'an integer' : 'a non-empty string or number';
      const got =
        raw === undefined
          ? `missing${missingHint(entry, spec.id, spec)}`
          : `expected ${want}, got ${describeValue(raw)}`;
      issues.error(at, spec.id, got);
    }
  }
  if (issues.errorCount !== before || prompt === undefined || label === undefined || dimension === undefined)
    return undefined;

  const id =
    entry.key !== undefined
      ? `${spec.idPrefix}-${entry.key}-${entry.index}`
      : sourceId !== undefined
        ? spec.known !== undefined
          ? `${spec.idPrefix}-${sourceId}`
          : String(sourceId)
        : `${spec.idPrefix}-${entry.line}`;
  const labels: Record<string, unknown> = {};
  if (entry.key !== undefined) labels.scenario = entry.key;
  for (const field of spec.kept) if (entry.fields[field] !== undefined) labels[field] = entry.fields[field];
  const provenance: Record<string, unknown> = {
    source: header.source!.name,
    file: header.source!.file,
    sha256: header.source!.sha256,
    line: entry.line,
  };
  if (entry.key !== undefined) {
    provenance.key = entry.key;
    provenance.index = entry.index;
  }
  if (header.licence !== undefined) provenance.licence = header.licence;
  const item = {
    id,
    category: ctx.taxonomy.dimension(dimension)!.category,
    dimension,
    turns: followup !== undefined ? [prompt, followup] : [prompt],
    source: header.source!.name,
    meta: { provenance, ...(sourceId !== undefined ? { sourceId } : {}), labels },
  } as DatasetItem;
  return { item, label };
}
