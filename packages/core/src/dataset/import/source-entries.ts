import { createReadStream } from 'node:fs';
import { describeValue, isPlainObject, type IssueCollector } from '../issues.js';
import { describeJsonError, parseJsonLine } from '../json-error.js';
import { readJsonlLines } from '../read-jsonl.js';
import { CsvRecordReader, CsvSyntaxError, type CsvRecord } from './csv-records.js';
import { KeyedListsScanner, KeyedListsShapeError } from './keyed-lists-scanner.js';

/** One record of a source file, parsed, with where it sits. */
export interface SourceEntry {
  /** 1-based line where the record starts. */
  line: number;
  /** Safety-Prompts: the scenario key and the index in its list. */
  key?: string;
  index?: number;
  fields: Record<string, unknown>;
}

/** Chunk size for streamed reads: small enough that memory stays flat, big enough to be fast. */
const CHUNK_BYTES = 1 << 16;

/** A JSONL file's objects; bad lines are reported and skipped. */
export async function* jsonlEntries(path: string, issues: IssueCollector): AsyncGenerator<SourceEntry> {
  for await (const { line, text } of readJsonlLines(path)) {
    const parsed = parseJsonLine(text);
    if (!parsed.ok) {
      issues.error({ line }, undefined, parsed.problem);
      continue;
    }
    const value = parsed.value;
    if (!isPlainObject(value)) {
      issues.error({ line }, undefined, `expected a JSON object on each line, got ${describeValue(value)}`);
      continue;
    }
    yield { line, fields: value };
  }
}

/**
 * A Safety-Prompts file's elements, streamed (see {@link KeyedListsScanner}). A shape error ends
 * the scan (nothing after it can be located reliably); a bad element is reported and skipped.
 */
export async function* keyedListEntries(path: string, issues: IssueCollector): AsyncGenerator<SourceEntry> {
  const scanner = new KeyedListsScanner();
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of input) {
      for (const element of scanner.feed(chunk as string)) {
        let value: unknown;
        try {
          value = JSON.parse(element.text);
        } catch (error) {
          issues.error(
            { line: element.line },
            `${element.key}[${element.index}]`,
            `invalid JSON: ${describeJsonError(error).message}`,
          );
          continue;
        }
        if (!isPlainObject(value)) {
          issues.error(
            { line: element.line },
            `${element.key}[${element.index}]`,
            `expected an object {"prompt": …, "response": …, "type": …}, got ${describeValue(value)}`,
          );
          continue;
        }
        yield { line: element.line, key: element.key, index: element.index, fields: value };
      }
    }
    scanner.end();
  } catch (error) {
    if (!(error instanceof KeyedListsShapeError)) throw error;
    issues.error({ line: error.line }, undefined, error.message);
  } finally {
    input.destroy();
  }
}

/**
 * A CSV file's rows as objects keyed by the header row's names. A row with a different number of
 * fields is reported and skipped; a syntax error ends the scan.
 */
export async function* csvEntries(path: string, issues: IssueCollector): AsyncGenerator<SourceEntry> {
  const reader = new CsvRecordReader();
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  let header: string[] | undefined;
  const toEntry = (record: CsvRecord): SourceEntry | undefined => {
    if (header === undefined) {
      header = record.fields.map((f) => f.trim());
      const seen = new Set<string>();
      for (const name of header) {
        if (seen.has(name))
          issues.error({ line: record.line }, name, 'the header row names this column twice; rename one');
        seen.add(name);
      }
      return undefined;
    }
    if (record.fields.length !== header.length) {
      issues.error(
        { line: record.line },
        undefined,
        `${record.fields.length} fields, but the header row has ${header.length}; quote fields that contain commas or line breaks`,
      );
      return undefined;
    }
    return { line: record.line, fields: Object.fromEntries(header.map((name, i) => [name, record.fields[i]])) };
  };
  try {
    for await (const chunk of input) {
      for (const record of reader.feed(chunk as string)) {
        const entry = toEntry(record);
        if (entry !== undefined) yield entry;
      }
    }
    for (const record of reader.end()) {
      const entry = toEntry(record);
      if (entry !== undefined) yield entry;
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    issues.error({ line: error.line }, undefined, error.message);
  } finally {
    input.destroy();
  }
  if (header === undefined)
    issues.error(undefined, undefined, 'empty file; a CSV import needs a header row naming the columns');
}
