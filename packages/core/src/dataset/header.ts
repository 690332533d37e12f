import { Taxonomy, type DimensionExtension } from '../taxonomy/taxonomy.js';
import { describeValue, isPlainObject, type IssueCollector } from './issues.js';
import { DATASET_SCHEMA, type ItemLocation } from './types.js';

const DIMENSION_FIELDS = new Set(['id', 'category', 'zh', 'en', 'definition']);
const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

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
): Taxonomy {
  const schema = header.$schema;
  if (schema === undefined ? options.schemaRequired : schema !== DATASET_SCHEMA) {
    issues.error(at, '$schema', `unsupported schema ${describeValue(schema)}; this version reads "${DATASET_SCHEMA}"`);
  }
  const allowed = new Set(['$schema', 'dimensions', ...(options.allowed ?? [])]);
  for (const key of Object.keys(header)) {
    if (!allowed.has(key)) issues.warn(at, key, `unknown header field ignored; a header has ${[...allowed].map((k) => `"${k}"`).join(', ')}`);
  }
  if (header.dimensions === undefined) return new Taxonomy();
  if (!Array.isArray(header.dimensions)) {
    issues.error(at, 'dimensions', `expected an array of {"id", "category", "zh", "en"} objects, got ${describeValue(header.dimensions)}`);
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
    issues.error(at, path, `expected an object like {"id": "cyber", "category": "traditional_safety", "zh": "网络安全"}, got ${describeValue(entry)}`);
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
      issues.error(at, `${path}.category`, `unknown category "${category}"; ${guess ? `did you mean "${guess}"? ` : ''}use one of ${categories}`);
    }
  }
  for (const [field, value] of [['zh', zh], ['en', en], ['definition', definition]] as const) {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      issues.error(at, `${path}.${field}`, `expected a non-empty string, got ${describeValue(value)}; give the name or leave the field out`);
    }
  }
  if (typeof zh === 'string' && zh !== id) {
    const clash = taken(zh);
    if (clash !== undefined) issues.error(at, `${path}.zh`, `"${zh}" is already used by ${clash}; pick another name`);
  }
  for (const key of Object.keys(entry)) {
    if (!DIMENSION_FIELDS.has(key)) issues.warn(at, `${path}.${key}`, 'unknown field ignored; a dimension has "id", "category", "zh", "en", "definition"');
  }
  if (issues.errorCount !== before || typeof id !== 'string' || categoryId === undefined) return undefined;
  const ext: DimensionExtension = { id, category: categoryId };
  if (typeof zh === 'string') ext.zh = zh;
  if (typeof en === 'string') ext.en = en;
  if (typeof definition === 'string') ext.definition = definition;
  return ext;
}
