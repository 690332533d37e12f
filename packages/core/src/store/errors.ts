/** Base of every error the run store throws on purpose. Messages name the store file. */
export class RunStoreError extends Error {
  constructor(
    message: string,
    /** The store file concerned. */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // The subclass's own name (`RunStoreSchemaError`…): callers that cannot import the class match on it.
    this.name = new.target.name;
  }
}

/** The store was written by a newer sc-safety (or is not a run store at all). */
export class RunStoreSchemaError extends RunStoreError {}

/**
 * A record about to be written holds a secret. The message says which record and which secret
 * (by position in the list), never the secret itself.
 */
export class RunStoreSecretError extends RunStoreError {}

/**
 * The store file is damaged or is not a store: empty (0 bytes), truncated, or some other file. The
 * message names the file and the way out (`--fresh` moves it aside; nothing is deleted).
 */
export class RunStoreCorruptError extends RunStoreError {}
