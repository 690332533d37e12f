/** One CSV record: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV file that breaks RFC 4180 (a quote in the middle of a field, an unclosed quote). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Splits RFC 4180 CSV text, fed chunk by chunk, into records: fields separated by commas, quoted
 * fields may hold commas, doubled quotes and line breaks, records end with LF or CRLF. Blank lines
 * are skipped. Memory holds one record at a time.
 */
export class CsvRecordReader {
  private line = 1;
  private recordLine = 1;
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** Inside a quoted field. */
  private inQuotes = false;
  /** A quote was read inside a quoted field: either the closing one or the first of a doubled pair. */
  private quotePending = false;
  private first = true;

  /** Reads the next chunk; returns the records it completed. */
  feed(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      let ch = chunk[i]!;
      if (this.first) {
        this.first = false;
        if (ch === '\uFEFF') continue;
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.inQuotes = false;
        if (ch !== ',' && ch !== '\n' && ch !== '\r') {
          throw new CsvSyntaxError(
            this.line,
            'text after a closing quote; a quoted field must end at a comma or the end of the line',
          );
        }
      }
      if (this.inQuotes) {
        if (ch === '"') this.quotePending = true;
        else {
          if (ch === '\n') this.line++;
          this.field += ch;
        }
        continue;
      }
      if (ch === '\r') {
        // A CR ends the record only as part of CRLF; the LF does the work.
        if (chunk[i + 1] === '\n' || i + 1 === chunk.length) continue;
        ch = '\n';
      }
      if (ch === ',') {
        this.endField();
      } else if (ch === '\n') {
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
      } else if (ch === '"') {
        if (this.field !== '' || this.quoted) {
          throw new CsvSyntaxError(
            this.line,
            'a double quote inside an unquoted field; quote the whole field and double the inner quotes ("")',
          );
        }
        this.quoted = true;
        this.inQuotes = true;
      } else {
        this.field += ch;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record if the file did not end with a line break. */
  end(): CsvRecord[] {
    if (this.inQuotes && !this.quotePending) {
      throw new CsvSyntaxError(this.recordLine, 'a quoted field is never closed; add the closing double quote');
    }
    this.inQuotes = false;
    this.quotePending = false;
    const out: CsvRecord[] = [];
    this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.quoted = false;
  }

  private endRecord(out: CsvRecord[]): void {
    const blank = this.fields.length === 0 && this.field === '' && !this.quoted;
    if (!blank) {
      this.endField();
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = '';
    this.quoted = false;
  }
}
