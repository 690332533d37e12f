/** One element of one list of a `{"key": [element, …], …}` document, as raw JSON text. */
export interface KeyedElement {
  key: string;
  /** 0-based position in its list. */
  index: number;
  /** 1-based line where the element starts. */
  line: number;
  /** The element's JSON text, to be parsed on its own. */
  text: string;
}

/** The document is not `{"key": [ … ], …}`; `line` is where the scan stopped. */
export class KeyedListsShapeError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'KeyedListsShapeError';
  }
}

type State =
  | 'root'
  | 'key-or-end'
  | 'key'
  | 'in-key'
  | 'colon'
  | 'list'
  | 'element-or-end'
  | 'element'
  | 'in-element'
  | 'after-list'
  | 'done';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

function show(c: number): string {
  return JSON.stringify(String.fromCharCode(c));
}

/**
 * Streams a JSON document shaped `{"key": [element, …], …}` — a Safety-Prompts file — without
 * ever holding it whole: text goes in chunk by chunk, and each list element comes out as its own
 * JSON text (with its key, index and starting line) as soon as it is complete. JSON.parse has no
 * streaming mode, and the files run to hundreds of MB; the elements themselves are small.
 *
 * Only the two outer levels are interpreted here (strings and nesting are tracked to find where an
 * element ends); each element is checked by JSON.parse afterwards.
 */
export class KeyedListsScanner {
  private state: State = 'root';
  private line = 1;
  private inString = false;
  private escaped = false;
  private nesting = 0;
  private parts: string[] = [];
  private key = '';
  private index = 0;
  private elementLine = 0;

  /** Reads the next chunk of text; returns the elements it completed. */
  feed(chunk: string): KeyedElement[] {
    const out: KeyedElement[] = [];
    let start = this.state === 'in-key' || this.state === 'in-element' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 0x0a) this.line++;
      switch (this.state) {
        case 'in-key':
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) {
            this.parts.push(chunk.slice(start, i));
            this.key = JSON.parse(`"${this.parts.join('')}"`) as string;
            this.parts = [];
            start = -1;
            this.state = 'colon';
          }
          break;
        case 'in-element':
          if (this.inString) {
            if (this.escaped) this.escaped = false;
            else if (c === BACKSLASH) this.escaped = true;
            else if (c === QUOTE) this.inString = false;
          } else if (c === QUOTE) {
            this.inString = true;
          } else if (c === 0x7b || c === 0x5b) {
            this.nesting++;
          } else if ((c === 0x7d || c === 0x5d) && this.nesting > 0) {
            this.nesting--;
          } else if (this.nesting === 0 && (c === 0x2c || c === 0x5d)) {
            this.parts.push(chunk.slice(start, i));
            out.push({ key: this.key, index: this.index++, line: this.elementLine, text: this.parts.join('') });
            this.parts = [];
            start = -1;
            if (c === 0x2c) {
              this.state = 'element';
            } else {
              this.state = 'after-list';
            }
          }
          break;
        default:
          if (isSpace(c)) break;
          start = this.structural(c, i, start);
      }
    }
    if (start >= 0 && (this.state === 'in-key' || this.state === 'in-element')) this.parts.push(chunk.slice(start));
    return out;
  }

  /** Checks the document ended where it may. */
  end(): void {
    if (this.state !== 'done') {
      throw new KeyedListsShapeError(this.line, 'the file ends before the JSON object is complete (a missing ] or }?)');
    }
  }

  /** Handles one non-space character outside keys and elements; returns where a capture starts. */
  private structural(c: number, i: number, start: number): number {
    switch (this.state) {
      case 'root':
        if (c === 0x7b) {
          this.state = 'key-or-end';
          return start;
        }
        throw new KeyedListsShapeError(
          this.line,
          c === 0x5b
            ? 'the file is a JSON array; a Safety-Prompts file is one object keyed by scenario: {"Insult": [{"prompt": …}, …], …}'
            : `expected the file to start with { (one object keyed by scenario), got ${show(c)}`,
        );
      case 'key-or-end':
      case 'key':
        if (c === QUOTE) {
          this.state = 'in-key';
          return i + 1;
        }
        if (c === 0x7d && this.state === 'key-or-end') {
          this.state = 'done';
          return start;
        }
        throw new KeyedListsShapeError(this.line, `expected a scenario name in double quotes, got ${show(c)}`);
      case 'colon':
        if (c === 0x3a) {
          this.state = 'list';
          return start;
        }
        throw new KeyedListsShapeError(this.line, `expected : after the key "${this.key}", got ${show(c)}`);
      case 'list':
        if (c === 0x5b) {
          this.state = 'element-or-end';
          this.index = 0;
          return start;
        }
        throw new KeyedListsShapeError(
          this.line,
          `under "${this.key}": expected a list [{"prompt": …, "response": …, "type": …}, …], got ${show(c)}` +
            ' (a JSONL file, one object per line, is not a Safety-Prompts file)',
        );
      case 'element-or-end':
      case 'element':
        if (c === 0x5d && this.state === 'element-or-end') {
          this.state = 'after-list';
          return start;
        }
        if (c === 0x5d || c === 0x2c) {
          throw new KeyedListsShapeError(
            this.line,
            `under "${this.key}": expected a list element after the comma, got ${show(c)}`,
          );
        }
        this.state = 'in-element';
        this.elementLine = this.line;
        this.nesting = 0;
        this.inString = false;
        this.escaped = false;
        // Re-read this character as the element's first.
        if (c === QUOTE) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.nesting = 1;
        return i;
      case 'after-list':
        if (c === 0x2c) {
          this.state = 'key';
          return start;
        }
        if (c === 0x7d) {
          this.state = 'done';
          return start;
        }
        throw new KeyedListsShapeError(this.line, `expected , or } after the list under "${this.key}", got ${show(c)}`);
      case 'done':
        throw new KeyedListsShapeError(this.line, `more text after the JSON object: ${show(c)}`);
      default:
        return start;
    }
  }
}
