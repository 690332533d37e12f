import { secretForms } from '../config/secret-forms.js';

/** A file about to be written held a configured secret; nothing was written. */
export class SecretLeakError extends Error {
  readonly code = 'secret_leak';

  constructor(
    /** The file that would have held the secret. */
    readonly file: string,
    /** Position of the secret in the `secrets` list (the secret itself is never reported). */
    readonly secretIndex: number,
    /** 1-based line of the file where it was found. */
    readonly line: number,
  ) {
    super(
      `refusing to write ${file}: line ${line} contains secret #${secretIndex + 1} of the configured secrets ` +
        '(an API key or token leaked into a result); nothing was written. Find where it entered the run and redact it.',
    );
    this.name = 'SecretLeakError';
  }
}

/** Every form a secret takes in text (raw, JSON, CSV, URL-encoded, base64, hex): see `secretForms`. */
const encodings = secretForms;

/**
 * Throws {@link SecretLeakError} when any secret, in any of its forms (raw, JSON, CSV, URL-encoded,
 * base64, base64url, hex), occurs in any
 * of the files' contents (file name → text). Blank secrets and secrets shorter than 4 characters
 * are ignored: they would match ordinary text.
 */
export function assertNoSecretsInFiles(files: ReadonlyMap<string, string>, secrets: readonly string[]): void {
  secrets.forEach((secret, index) => {
    for (const [file, content] of files) {
      for (const form of encodings(secret)) {
        const at = content.indexOf(form);
        if (at !== -1) {
          let line = 1;
          for (let i = content.indexOf('\n'); i !== -1 && i < at; i = content.indexOf('\n', i + 1)) line++;
          throw new SecretLeakError(file, index, line);
        }
      }
    }
  });
}

/** Where a secret was found in a piece of text: which secret, and on which 1-based line of the text. */
export interface SecretFound {
  secretIndex: number;
  line: number;
}

/** Every form of every configured secret, searched for in pieces of text. */
export class SecretForms {
  readonly #forms: { form: string; index: number }[] = [];

  constructor(secrets: readonly string[]) {
    secrets.forEach((secret, index) => {
      for (const form of encodings(secret)) this.#forms.push({ form, index });
    });
  }

  /** The first secret form (in secret order) that occurs in `text`, with its line; undefined when none does. */
  find(text: string): SecretFound | undefined {
    for (const { form, index } of this.#forms) {
      const at = text.indexOf(form);
      if (at !== -1) return { secretIndex: index, line: 1 + countNewlines(text, at) };
    }
    return undefined;
  }
}

/**
 * Checks a file for secrets chunk by chunk as it is streamed out, so the file never has to exist
 * whole in memory. A secret cannot straddle two chunks when every chunk is whole values (one JSON
 * value, one CSV record); each chunk is searched for every form of every secret (`secretForms`).
 */
export class SecretScanner {
  private readonly forms: SecretForms;
  private line = 1;

  constructor(
    /** The file name reported in a {@link SecretLeakError}. */
    readonly file: string,
    secrets: readonly string[],
  ) {
    this.forms = new SecretForms(secrets);
  }

  /** The 1-based line the next chunk starts on. */
  get nextLine(): number {
    return this.line;
  }

  /**
   * Throws {@link SecretLeakError} (with the file's 1-based line) when `chunk`, the next part of
   * the file, holds a secret; returns the chunk otherwise.
   */
  check(chunk: string): string {
    const found = this.forms.find(chunk);
    if (found !== undefined) throw new SecretLeakError(this.file, found.secretIndex, this.line + found.line - 1);
    this.line += countNewlines(chunk, chunk.length);
    return chunk;
  }

  /** Counts `lines` line breaks written without passing through {@link check} (text checked elsewhere). */
  skipLines(lines: number): void {
    this.line += lines;
  }

  /** `chunks`, each checked before it is passed on. */
  *scan(chunks: Iterable<string>): Generator<string> {
    for (const chunk of chunks) yield this.check(chunk);
  }
}

/** Line breaks in `text` before position `end`. */
export function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
