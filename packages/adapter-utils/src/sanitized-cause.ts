import { redactSecrets } from './redact.js';

/** An error's message with its cause's message in parentheses (what a connection error says), or the value as text. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/**
 * A plain Error standing in for what a call threw, to attach as an AdapterError's `cause`: its name
 * and {@link errorText}, redacted with `secrets`, and nothing else — no nested cause, no headers,
 * no request. Never the original: an SDK error holds response headers, and what a custom `fetch`
 * (tracing, proxies) or the runtime threw may hold the request with its credentials anywhere down
 * its cause chain.
 */
export function sanitizedCause(error: unknown, secrets: readonly string[]): Error {
  const cause = new Error(redactSecrets(errorText(error), secrets));
  // Not enumerable, as on a thrown Error, so logging or spreading the cause shows no extra field.
  if (error instanceof Error)
    Object.defineProperty(cause, 'name', {
      value: redactSecrets(error.name, secrets),
      writable: true,
      configurable: true,
    });
  return cause;
}
