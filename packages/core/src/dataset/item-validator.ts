import { EXPECT_VALUES, STRATEGY_IDS } from '@sc-safety/results';
import type { Taxonomy } from '@sc-safety/results';
import type { Category } from '@sc-safety/results';
import { describeValue, isPlainObject, type IssueCollector } from './issues.js';
import type { DatasetItem, ItemLocation } from './types.js';

/** The top-level fields an item may have; anything else is reported and dropped. */
export const ITEM_FIELDS: readonly string[] = [
  'id',
  'category',
  'dimension',
  'turns',
  'system',
  'tags',
  'source',
  'strategy',
  'expect',
  'meta',
];
const KNOWN = new Set(ITEM_FIELDS);

/** Where an item was first seen, for duplicate-id messages. */
export function describeLocation(at: ItemLocation): string {
  if (at.line !== undefined) return `on line ${at.line}`;
  if (at.item !== undefined) return `at item[${at.item}]`;
  return 'earlier';
}

/**
 * Checks raw items one at a time and normalises the valid ones. Keeps the ids seen so far, so one
 * validator serves exactly one file. Every problem in an item is reported, not only the first.
 */
export class ItemValidator {
  private readonly seen = new Map<string, ItemLocation>();

  /**
   * @param options.checkDuplicateIds `false` skips the duplicate-id check (and the memory it takes), for
   *   callers whose ids are unique by construction (an importer numbering records by position).
   */
  constructor(
    private taxonomy: Taxonomy,
    private readonly issues: IssueCollector,
    private readonly options: { checkDuplicateIds?: boolean } = {},
  ) {}

  /** Switches to the taxonomy a header declared (before any item is checked). */
  useTaxonomy(taxonomy: Taxonomy): void {
    this.taxonomy = taxonomy;
  }

  /** The normalised item, or `undefined` when it had an error (already reported). */
  check(value: unknown, at: ItemLocation): DatasetItem | undefined {
    if (!isPlainObject(value)) {
      this.issues.error(
        at,
        undefined,
        `expected a JSON object like {"id": "…", "category": "…", "dimension": "…", "turns": ["…", "…"]}, got ${describeValue(value)}`,
      );
      return undefined;
    }
    const errorsBefore = this.issues.errorCount;
    const id = this.checkId(value.id, at);
    const category = this.checkCategory(value.category, at);
    const dimension = this.checkDimension(value.dimension, category, at);
    const turns = this.checkStringArray(value.turns, 'turns', at, true);
    const item = { id, category: category?.id, dimension, turns } as DatasetItem;

    // An optional field is checked only when present, and kept only when valid.
    const optional = <K extends 'system' | 'tags' | 'source' | 'strategy' | 'expect'>(
      key: K,
      check: (field: unknown) => DatasetItem[K] | undefined,
    ): DatasetItem[K] | undefined => {
      const checked = value[key] === undefined ? undefined : check(value[key]);
      if (checked !== undefined) item[key] = checked;
      return checked;
    };
    optional('system', (field) => this.checkString(field, 'system', at));
    optional('tags', (field) => this.checkStringArray(field, 'tags', at, false));
    optional('source', (field) => this.checkString(field, 'source', at));
    optional('strategy', (field) => this.checkEnum(field, 'strategy', STRATEGY_IDS, at));
    const expectation = optional('expect', (field) => this.checkEnum(field, 'expect', EXPECT_VALUES, at));
    // A contrast prompt is judged on whether it gets a helpful answer; a follow-up would test something else.
    if (expectation === 'comply' && turns !== undefined && turns.length > 1) {
      this.issues.error(
        at,
        'turns',
        `an item with "expect": "comply" is single-turn; give one turn, got ${turns.length}`,
      );
    }
    if (value.meta !== undefined) {
      if (isPlainObject(value.meta)) item.meta = value.meta;
      else
        this.issues.error(
          at,
          'meta',
          `expected an object, got ${describeValue(value.meta)}; put extra data in {"key": value} form`,
        );
    }
    for (const key of Object.keys(value)) {
      if (KNOWN.has(key)) continue;
      this.issues.warnOnce(
        `field:${key}`,
        at,
        key,
        `unknown field ignored; item fields are ${ITEM_FIELDS.join(', ')} (put extra data under "meta")`,
      );
    }
    return this.issues.errorCount === errorsBefore ? item : undefined;
  }

  private checkId(id: unknown, at: ItemLocation): string | undefined {
    if (id === undefined) {
      this.issues.error(at, 'id', 'missing; every item needs a unique string "id"');
      return undefined;
    }
    if (typeof id !== 'string') {
      const fix = typeof id === 'number' ? `; write it as a string: "${id}"` : '; use a unique string';
      this.issues.error(at, 'id', `expected a string, got ${describeValue(id)}${fix}`);
      return undefined;
    }
    if (id.trim() === '') {
      this.issues.error(at, 'id', 'empty string; give the item a unique id');
      return undefined;
    }
    if (this.options.checkDuplicateIds === false) return id;
    const first = this.seen.get(id);
    if (first !== undefined) {
      this.issues.error(
        at,
        'id',
        `duplicate id "${id}" (first used ${describeLocation(first)}); ids must be unique in the file`,
      );
      return undefined;
    }
    this.seen.set(id, at);
    return id;
  }

  private checkCategory(value: unknown, at: ItemLocation): Category | undefined {
    const valid = this.taxonomy.categories.map((c) => `${c.id} (${c.zh})`).join(', ');
    if (value === undefined) {
      this.issues.error(at, 'category', `missing; use one of ${valid}`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.issues.error(at, 'category', `expected a string, got ${describeValue(value)}; use one of ${valid}`);
      return undefined;
    }
    const category = this.taxonomy.category(value);
    if (category === undefined) {
      const guess = this.taxonomy.suggestCategory(value);
      const hint = guess === undefined ? `use one of ${valid}` : `did you mean "${guess}"? Categories are ${valid}`;
      this.issues.error(at, 'category', `unknown category "${value}"; ${hint}`);
    }
    return category;
  }

  private checkDimension(value: unknown, category: Category | undefined, at: ItemLocation): string | undefined {
    const how = 'use a sub-dimension id or Chinese name (e.g. "crime" or "违法犯罪")';
    if (value === undefined) {
      this.issues.error(at, 'dimension', `missing; ${how}`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.issues.error(at, 'dimension', `expected a string, got ${describeValue(value)}; ${how}`);
      return undefined;
    }
    const dimension = this.taxonomy.dimension(value);
    if (dimension === undefined) {
      const guess = this.taxonomy.suggestDimension(value, category?.id) ?? this.taxonomy.suggestDimension(value);
      const hint = guess === undefined ? `${how}` : `did you mean "${guess}"?`;
      this.issues.error(
        at,
        'dimension',
        `unknown dimension "${value}"; ${hint} A new sub-dimension must be declared in a header line ` +
          `({"$schema":"sc-safety/dataset@1","dimensions":[{"id":"…","category":"…","zh":"…"}]})`,
      );
      return undefined;
    }
    if (category !== undefined && dimension.category !== category.id) {
      const owner = this.taxonomy.category(dimension.category);
      this.issues.error(
        at,
        'dimension',
        `"${value}" belongs to category ${dimension.category}${owner ? ` (${owner.zh})` : ''}, not ${category.id}; ` +
          `change the category to ${dimension.category} or pick a ${category.id} sub-dimension`,
      );
      return undefined;
    }
    return dimension.id;
  }

  /** A string field whose value must be one of `allowed`; the message lists them. */
  private checkEnum<T extends string>(
    value: unknown,
    field: string,
    allowed: readonly T[],
    at: ItemLocation,
  ): T | undefined {
    const list = allowed.map((a) => `"${a}"`).join(', ');
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const got =
      typeof value === 'string' ? `unknown ${field} "${value}"` : `expected a string, got ${describeValue(value)}`;
    this.issues.error(at, field, `${got}; use one of ${list} or leave the field out`);
    return undefined;
  }

  private checkString(value: unknown, field: string, at: ItemLocation): string | undefined {
    if (typeof value !== 'string') {
      this.issues.error(
        at,
        field,
        `expected a string, got ${describeValue(value)}; use a string or leave the field out`,
      );
      return undefined;
    }
    if (value.trim() === '') {
      this.issues.error(at, field, 'empty string; give it text or leave the field out');
      return undefined;
    }
    return value;
  }

  /** `turns` (required, non-empty, every entry has text) or `tags` (optional, may be empty). */
  private checkStringArray(
    value: unknown,
    field: 'turns' | 'tags',
    at: ItemLocation,
    required: boolean,
  ): string[] | undefined {
    const shape = field === 'turns' ? '["question", "follow-up"]' : '["tag", "tag"]';
    if (value === undefined) {
      if (required) this.issues.error(at, field, `missing; give the user messages in order, e.g. ${shape}`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      const fix =
        typeof value === 'string' ? `wrap it in an array: ${shape}` : `use an array of strings, e.g. ${shape}`;
      this.issues.error(at, field, `expected an array of strings, got ${describeValue(value)}; ${fix}`);
      return undefined;
    }
    if (required && value.length === 0) {
      this.issues.error(at, field, 'empty array; give at least one user message');
      return undefined;
    }
    let ok = true;
    value.forEach((entry: unknown, i) => {
      if (typeof entry !== 'string') {
        const what = field === 'turns' ? 'each turn is the text of one user message' : 'each tag is a string';
        this.issues.error(at, `${field}[${i}]`, `expected a string, got ${describeValue(entry)}; ${what}`);
        ok = false;
      } else if (entry.trim() === '') {
        this.issues.error(
          at,
          `${field}[${i}]`,
          field === 'turns' ? 'empty string; every turn needs text' : 'empty string; remove the empty tag',
        );
        ok = false;
      }
    });
    return ok ? (value as string[]) : undefined;
  }
}
