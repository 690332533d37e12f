import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Taxonomy } from '@sc-safety/results';
import { Fingerprinter } from './fingerprint.js';
import { readHeader } from './header.js';
import { IssueCollector, describeValue, isPlainObject } from './issues.js';
import { ItemValidator } from './item-validator.js';
import { describeJsonError, lineAndColumn, parseJsonLine } from './json-error.js';
import { DEFAULT_MAX_LINE_BYTES, readJsonlLines } from './read-jsonl.js';
import {
  displayName,
  isBuiltinRef,
  resolveDatasetPath,
  unknownBuiltinMessage,
  type ResolveOptions,
} from './resolve.js';
import type { DatasetHeaderInfo, DatasetItem } from './types.js';

/** Options for reading a dataset. */
export interface ScanOptions extends ResolveOptions {
  /** Issues kept before the rest are only counted (default 200). */
  maxIssues?: number;
  /** The file name used in issues; defaults to the path as given (see {@link displayName}). */
  displayName?: string;
  /** The longest JSONL line accepted, in bytes (default 1 MiB); a longer one is an error at its line. */
  maxLineBytes?: number;
}

/**
 * A `.json` dataset is parsed whole (Node has no streaming JSON parser), so it is capped; JSONL
 * streams with flat memory at any size.
 */
export const MAX_JSON_DATASET_BYTES = 64 * 1024 * 1024;

const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/**
 * One pass over a dataset file: yields the valid normalised items in file order while collecting
 * every issue and the fingerprint of the valid items. The loader, the stream and the validator are
 * thin consumers of this.
 */
export class DatasetScan {
  readonly path: string;
  readonly file: string;
  readonly issues: IssueCollector;
  readonly fingerprint = new Fingerprinter();
  /** The taxonomy in force: the built-in one plus whatever the header declares. */
  taxonomy = new Taxonomy();
  /** The header's name, version, licence, citation and source (empty without a header). */
  header: DatasetHeaderInfo = {};
  /** Valid items yielded so far. */
  itemCount = 0;
  /** Of those, items with exactly one turn (round 1 only). */
  singleTurnCount = 0;
  private readonly badRef: string | undefined;

  constructor(
    readonly ref: string,
    private readonly options: ScanOptions = {},
  ) {
    let path: string;
    let badRef: string | undefined;
    try {
      path = resolveDatasetPath(ref, options);
    } catch (error) {
      path = ref;
      badRef = error instanceof Error ? error.message : String(error);
    }
    this.path = path;
    this.badRef = badRef;
    this.file = options.displayName ?? displayName(ref, path, options);
    this.issues = new IssueCollector(this.file, options.maxIssues);
  }

  async *items(): AsyncGenerator<DatasetItem, void, undefined> {
    try {
      if (await this.checkFile()) {
        const ext = extname(this.path).toLowerCase();
        const source = ext === '.json' ? this.readJsonArray() : this.readJsonl();
        for await (const item of source) {
          this.fingerprint.add(item);
          this.itemCount++;
          if (item.turns.length === 1) this.singleTurnCount++;
          yield item;
        }
        if (this.itemCount === 0 && !this.issues.hasErrors) {
          this.issues.error(undefined, undefined, 'no items; a dataset needs at least one item');
        }
      }
    } finally {
      this.issues.finish();
    }
  }

  /** Reports a missing, unreadable or unsupported file; true when reading may go ahead. */
  private async checkFile(): Promise<boolean> {
    if (this.badRef !== undefined) {
      this.issues.error(undefined, undefined, this.badRef);
      return false;
    }
    const ext = extname(this.path).toLowerCase();
    if (ext !== '.json' && !JSONL_EXTENSIONS.has(ext)) {
      this.issues.error(
        undefined,
        undefined,
        `unsupported file type "${ext || '(none)'}"; use .jsonl (one item per line) or .json (an array of items)`,
      );
      return false;
    }
    try {
      const info = await stat(this.path);
      if (info.isFile()) return true;
      this.issues.error(undefined, undefined, 'not a file; give the path of a .jsonl or .json dataset file');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && isBuiltinRef(this.ref)) {
        // Named by the reference the user wrote, not by a path inside the package.
        this.issues.add({
          file: this.ref,
          message: await unknownBuiltinMessage(this.ref, this.options),
          severity: 'error',
        });
      } else if (code === 'ENOENT') {
        this.issues.error(undefined, undefined, `file not found (${this.path}); check the path`);
      } else {
        this.issues.error(undefined, undefined, `cannot read the file: ${(error as Error).message}`);
      }
    }
    return false;
  }

  private async *readJsonl(): AsyncGenerator<DatasetItem> {
    const validator = new ItemValidator(this.taxonomy, this.issues);
    let first = true;
    try {
      const limit = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
      for await (const { line, text, overLimit } of readJsonlLines(this.path, limit)) {
        const at = { line };
        if (overLimit !== undefined) {
          this.issues.error(
            at,
            undefined,
            `line is ${overLimit} bytes, over the ${limit}-byte limit; one item is a few KB — split or shorten it, or raise the limit with --max-line-bytes`,
          );
          first = false;
          continue;
        }
        const parsed = parseJsonLine(text);
        if (!parsed.ok) {
          this.issues.error(at, undefined, parsed.problem);
          first = false;
          continue;
        }
        const value = parsed.value;
        if (isPlainObject(value) && '$schema' in value) {
          if (first) {
            ({ taxonomy: this.taxonomy, info: this.header } = readHeader(value, at, this.issues, {
              schemaRequired: true,
            }));
            validator.useTaxonomy(this.taxonomy);
          } else {
            // Checking a misplaced header as an item would only add noise about missing fields.
            this.issues.error(
              at,
              '$schema',
              'a header line must be the first non-blank line of the file; move it to the top',
            );
          }
          first = false;
          continue;
        }
        first = false;
        const item = validator.check(value, at);
        if (item !== undefined) yield item;
      }
    } catch (error) {
      this.issues.error(undefined, undefined, `cannot read the file: ${(error as Error).message}`);
    }
  }

  /**
   * The `.json` form. JSON has no streaming parser in Node, so this reads the whole file: fine
   * for hand-made files; large datasets should use JSONL. Items are located as `item[N]`.
   */
  private async *readJsonArray(): AsyncGenerator<DatasetItem> {
    let text: string;
    try {
      const { size } = await stat(this.path);
      if (size > MAX_JSON_DATASET_BYTES) {
        this.issues.error(
          undefined,
          undefined,
          `a .json dataset is read whole and this one is ${size} bytes (limit ${MAX_JSON_DATASET_BYTES}); convert it to .jsonl (one item per line), which streams at any size`,
        );
        return;
      }
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      this.issues.error(undefined, undefined, `cannot read the file: ${(error as Error).message}`);
      return;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const { message, position } = describeJsonError(error);
      if (position === undefined) {
        this.issues.error(undefined, undefined, `invalid JSON: ${message}`);
      } else {
        const { line, column } = lineAndColumn(text, position);
        this.issues.error({ line }, undefined, `invalid JSON (column ${column}): ${message}`);
      }
      return;
    }
    let items: unknown[];
    if (Array.isArray(value)) {
      items = value;
    } else if (isPlainObject(value)) {
      ({ taxonomy: this.taxonomy, info: this.header } = readHeader(value, undefined, this.issues, {
        allowed: ['items'],
        schemaRequired: false,
      }));
      if (!Array.isArray(value.items)) {
        const got = value.items === undefined ? 'missing' : `expected an array, got ${describeValue(value.items)}`;
        this.issues.error(
          undefined,
          'items',
          `${got}; a .json dataset is an array of items or {"dimensions": […], "items": […]}`,
        );
        return;
      }
      items = value.items;
    } else {
      this.issues.error(
        undefined,
        undefined,
        `expected an array of items or {"dimensions": […], "items": […]}, got ${describeValue(value)}`,
      );
      return;
    }
    const validator = new ItemValidator(this.taxonomy, this.issues);
    for (let i = 0; i < items.length; i++) {
      const item = validator.check(items[i], { item: i });
      if (item !== undefined) yield item;
    }
  }
}
