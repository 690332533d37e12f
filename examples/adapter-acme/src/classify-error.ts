import { parseRetryAfter } from '@sc-safety/adapter-utils';
import { AuthError, InvalidRequestError, QuotaExhaustedError, RateLimitedError, TransientError } from '@sc-safety/spec';
import type { AdapterError, WarningV1 } from '@sc-safety/spec';
import type { AcmeFaultKind } from './acme-wire.js';

/**
 * Maps a non-2xx Acme response to an error. The adapter classifies; the engine decides whether
 * and when to retry. `fault.kind` wins over the status when present (throttled → rate limited with
 * the wait; overloaded → transient; credentials → auth; balance → quota exhausted; too_long →
 * invalid request, context length; bad_request → invalid request); without a readable fault (a
 * proxy's HTML page) the status decides. `redact` removes the API key from everything kept.
 */
export function classifyError(
  status: number,
  headers: Headers,
  text: string,
  warnings: WarningV1[],
  redact: (s: string) => string,
): AdapterError {
  const fault = readFault(text);
  // Redact before cutting: a cut through the key would leave a fragment `redact` cannot find.
  const safe = redact(text);
  const detail = fault?.detail ?? (text.trim() === '' ? 'no body' : safe.slice(0, 200).replace(/\s+/g, ' '));
  const common = {
    message: redact(`Acme HTTP ${status}${fault ? ` (${fault.kind})` : ''}: ${detail}`),
    status,
    ...(fault ? { vendorCode: fault.kind } : {}),
    body: safe.slice(0, 4096),
    warnings,
  };
  const kind: AcmeFaultKind | undefined = fault?.kind ?? byStatus(status);
  switch (kind) {
    case 'throttled': {
      // retry-after-ms, then retry-after as seconds or an HTTP date.
      const wait = parseRetryAfter(headers);
      return new RateLimitedError({ ...common, ...(wait === undefined ? {} : { retryAfterMs: wait }) });
    }
    case 'overloaded':
      return new TransientError(common);
    case 'credentials':
      return new AuthError(common);
    case 'balance':
      return new QuotaExhaustedError(common);
    case 'too_long':
      return new InvalidRequestError({ ...common, reason: 'context_length' });
    case 'bad_request':
      return new InvalidRequestError({ ...common, reason: status === 404 ? 'model_not_found' : 'parameter' });
    default:
      return status >= 500 || status === 408
        ? new TransientError(common)
        : new InvalidRequestError({ ...common, reason: 'other' });
  }
}

function byStatus(status: number): AcmeFaultKind | undefined {
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'credentials';
  if (status === 402) return 'balance';
  if (status === 413) return 'too_long';
  if (status >= 500) return 'overloaded';
  return undefined;
}

function readFault(text: string): { kind: AcmeFaultKind; detail: string } | undefined {
  try {
    const fault = (JSON.parse(text) as { fault?: { kind?: unknown; detail?: unknown } }).fault;
    if (typeof fault?.kind !== 'string') return undefined;
    return { kind: fault.kind as AcmeFaultKind, detail: typeof fault.detail === 'string' ? fault.detail : '' };
  } catch {
    return undefined;
  }
}
