import { Taxonomy, type DimensionExtension } from '@sc-safety/results';
import { DERIVATION_HEADER_FIELDS, readDerivation } from './header-derivation.js';
import { describeValue, isPlainObject, type IssueCollector } from './issues.js';
import { DATASET_SCHEMA, type DatasetHeaderInfo, type DatasetSourceInfo, type ItemLocation } from './types.js';

const DIMENSION_FIELDS = new Set(['id', 'category', 'zh', 'en', 'definition']);
const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
/** The header's descriptive fields (all optional strings) besides `source`. */
const INFO_FIELDS = ['name', 'version', 'licence', 'citation'] as const;
const SOURCE_FIELDS = ['name', 'file', 'sha256'] as const;
const SHA256_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** What a header declares: the taxonomy in force and the dataset's own description. */
export interface ReadHeader {
  taxonomy: Taxonomy;
  info: DatasetHeaderInfo;
}

/**
 * Reads a dataset header (`{"$schema":"sc-safety/dataset@1","dimensions":[…]}`) and returns the
 * taxonomy it declares. Invalid declarations are reported and left out, so items using them then
 * fail as "unknown dimension" too; both messages point at the cause.
 *
 * @param allowed the header keys besides `$schema` and `dimensions` (`items` in the .json form).
 * @param schemaRequired whether `$schema` must be present (it marks a JSONL header line).
 */
export function readHeader(
  header: Record<string, unknown>,
  at: ItemLocation | undefined,
  issues: IssueCollector,
  options: { allowed?: readonly string[]; schemaRequired: boolean },
): ReadHeader {
  const schema = header.$schema;
  if (schema === undefined ? options.schemaRequired : schema !== DATASET_SCHEMA) {
    issues.error(at, '$schema', `unsupported schema ${describeValue(schema)}; this version reads "${DATASET_SCHEMA}"`);
  }
  const allowed = new Set([
    '$schema',
    'dimensions',
    ...INFO_FIELDS,
    'source',
    ...DERIVATION_HEADER_FIELDS,
    ...(options.allowed ?? []),
  ]);
  for (const key of Object.keys(header)) {
    if (!allowed.has(key))
      issues.warn(
        at,
        key,
        `unknown header field ignored; a header has ${[...allowed].map((k) => `"${k}"`).join(', ')}`,
      );
  }
  const info = readInfo(header, at, issues);
  readDerivation(header, at, issues, info);
  return { taxonomy: readDimensions(header, at, issues), info };
}

/** The header's name, version, licence, citation and source, each checked. */
function readInfo(
  header: Record<string, unknown>,
  at: ItemLocation | undefined,
  issues: IssueCollector,
): DatasetHeaderInfo {
  const info: DatasetHeaderInfo = {};
  for (const field of INFO_FIELDS) {
    const value = header[field];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() !== '') info[field] = value;
    else
      issues.error(
        at,
        field,
        `expected a non-empty string, got ${describeValue(value)}; give the ${field} or leave the field out`,
      );
  }
  const source = header.source;
  if (source === undefined) return info;
  const shape = '{"name": "Flames", "file": "Flames_1k_Chinese.jsonl", "sha256": "sha256:<64 hex digits>"}';
  if (!isPlainObject(source)) {
    issues.error(at, 'source', `expected an object like ${shape}, got ${describeValue(source)}`);
    return info;
  }
  const before = issues.errorCount;
  for (const field of SOURCE_FIELDS) {
    const value = source[field];
    if (typeof value !== 'string' || value.trim() === '') {
      const got = value === undefined ? 'missing' : `expected a non-empty string, got ${describeValue(value)}`;
      issues.error(at, `source.${field}`, `${got}; a source is ${shape}`);
    } else if (field === 'sha256' && !SHA256_PATTERN.test(value)) {
      issues.error(at, 'source.sha256', `expected "sha256:" and 64 lowercase hex digits, got ${describeValue(value)}`);
    }
  }
  for (const key of Object.keys(source)) {
    if (!(SOURCE_FIELDS as readonly string[]).includes(key))
      issues.warn(at, `source.${key}`, 'unknown field ignored; a source has "name", "file", "sha256"');
  }
  if (issues.errorCount === before) {
    const s = source as Record<keyof DatasetSourceInfo, string>;
    info.source = { name: s.name, file: s.file, sha256: s.sha256 };
  }
  return info;
}

function readDimensions(
  header: Record<string, unknown>,
  at: ItemLocation | undefined,
  issues: IssueCollector,
): Taxonomy {
  if (header.dimensions === undefined) return new Taxonomy();
  if (!Array.isArray(header.dimensions)) {
    issues.error(
      at,
      'dimensions',
      `expected an array of {"id", "category", "zh", "en"} objects, got ${describeValue(header.dimensions)}`,
    );
    return new Taxonomy();
  }
  const extensions: DimensionExtension[] = [];
  const base = new Taxonomy();
  header.dimensions.forEach((entry: unknown, i) => {
    const ext = readDimension(entry, `dimensions[${i}]`, at, issues, base, extensions);
    if (ext !== undefined) extensions.push(ext);
  });
  return new Taxonomy(extensions);
}

function readDimension(
  entry: unknown,
  path: string,
  at: ItemLocation | undefined,
  issues: IssueCollector,
  base: Taxonomy,
  earlier: readonly DimensionExtension[],
): DimensionExtension | undefined {
  if (!isPlainObject(entry)) {
    issues.error(
      at,
      path,
      `expected an object like {"id": "cyber", "category": "traditional_safety", "zh": "网络安全"}, got ${describeValue(entry)}`,
    );
    return undefined;
  }
  const before = issues.errorCount;
  const { id, category, zh, en, definition } = entry;
  const taken = (name: string): string | undefined => {
    const builtIn = base.dimension(name);
    if (builtIn !== undefined) return `the built-in sub-dimension ${builtIn.id} (${builtIn.zh})`;
    if (earlier.some((e) => e.id === name || e.zh === name)) return 'an earlier entry of this header';
    return undefined;
  };
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    const got = id === undefined ? 'missing' : `got ${describeValue(id)}`;
    issues.error(at, `${path}.id`, `${got}; use a snake_case id such as "cyber_security"`);
  } else {
    const clash = taken(id);
    if (clash !== undefined) issues.error(at, `${path}.id`, `"${id}" is already used by ${clash}; pick another id`);
  }
  let categoryId: DimensionExtension['category'] | undefined;
  const categories = base.categories.map((c) => c.id).join(', ');
  if (typeof category !== 'string') {
    const got = category === undefined ? 'missing' : `got ${describeValue(category)}`;
    issues.error(at, `${path}.category`, `${got}; use one of ${categories}`);
  } else {
    categoryId = base.category(category)?.id;
    if (categoryId === undefined) {
      const guess = base.suggestCategory(category);
      issues.error(
        at,
        `${path}.category`,
        `unknown category "${category}"; ${guess ? `did you mean "${guess}"? ` : ''}use one of ${categories}`,
      );
    }
  }
  for (const [field, value] of [
    ['zh', zh],
    ['en', en],
    ['definition', definition],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      issues.error(
        at,
        `${path}.${field}`,
        `expected a non-empty string, got ${describeValue(value)}; give the name or leave the field out`,
      );
    }
  }
  if (typeof zh === 'string' && zh !== id) {
    const clash = taken(zh);
    if (clash !== undefined) issues.error(at, `${path}.zh`, `"${zh}" is already used by ${clash}; pick another name`);
  }
  for (const key of Object.keys(entry)) {
    if (!DIMENSION_FIELDS.has(key))
      issues.warn(
        at,
        `${path}.${key}`,
        'unknown field ignored; a dimension has "id", "category", "zh", "en", "definition"',
      );
  }
  if (issues.errorCount !== before || typeof id !== 'string' || categoryId === undefined) return undefined;
  const ext: DimensionExtension = { id, category: categoryId };
  if (typeof zh === 'string') ext.zh = zh;
  if (typeof en === 'string') ext.en = en;
  if (typeof definition === 'string') ext.definition = definition;
  return ext;
}
