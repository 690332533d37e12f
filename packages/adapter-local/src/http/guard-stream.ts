import { redactSecrets } from '@sc-safety/adapter-utils';
import { AdapterError } from '@sc-safety/spec';
import type { WarningV1 } from '@sc-safety/spec';
import { transientWithPartial } from '../stream-interrupted-error.js';
import { describeNetworkError } from './call-scope.js';

/**
 * Passes a parsed stream through, turning a connection that breaks mid-answer into a
 * TransientError that keeps the text received so far. Aborts are rethrown untouched, so the
 * caller can still tell a timeout or a user abort from a server fault.
 */
export async function* guardStream<T>(
  source: AsyncGenerator<T>,
  partialText: () => string,
  options: { label: string; secrets: readonly string[]; warnings: WarningV1[] },
): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    if (AdapterError.isInstance(error) || isAbort(error)) throw error;
    const message = redactSecrets(`${options.label}: ${describeNetworkError(error)}`, options.secrets);
    throw transientWithPartial({ message, warnings: options.warnings }, partialText());
  }
}

/**
 * The body of a streamed answer. A 2xx answer without one is a TransientError: nothing was said
 * yet, and asking again may well work.
 */
export function streamBody(
  response: Response,
  options: { label: string; warnings: WarningV1[] },
): ReadableStream<Uint8Array> {
  if (response.body === null)
    throw transientWithPartial(
      { message: `${options.label}: the stream has no body.`, warnings: options.warnings },
      '',
    );
  return response.body;
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
