import { TransientError } from '@sc-safety/spec';
import type { AdapterErrorOptions } from '@sc-safety/spec';

/**
 * A stream that failed after part of the answer arrived (an Ollama `{"error":…}` line after HTTP
 * 200, a stream cut off mid-answer). Retryable like any TransientError; `partialText` keeps what
 * the model had said, as evidence for the record.
 */
export class StreamInterruptedError extends TransientError {
  /** The text streamed before the failure. */
  readonly partialText: string;

  constructor(options: AdapterErrorOptions & { partialText: string }) {
    super(options);
    this.name = 'StreamInterruptedError';
    this.partialText = options.partialText;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), partialText: this.partialText };
  }
}

/** A TransientError, carrying the partial answer when some text had already arrived. */
export function transientWithPartial(options: AdapterErrorOptions, partialText: string | undefined): TransientError {
  return partialText === undefined || partialText === ''
    ? new TransientError(options)
    : new StreamInterruptedError({ ...options, partialText });
}
