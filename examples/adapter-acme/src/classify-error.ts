import { failureKindError, parseRetryAfter } from '@sc-safety/adapter-utils';
import type { FailureKind } from '@sc-safety/adapter-utils';
import { InvalidRequestError, TransientError } from '@sc-safety/spec';
import type { AdapterError, WarningV1 } from '@sc-safety/spec';
import type { AcmeFaultKind } from './acme-wire.js';

/** What each Acme fault means, as the shared failure kinds (adapter-utils' `failureKindError` makes the error). */
const FAILURE_OF_FAULT: Readonly<Record<AcmeFaultKind, FailureKind>> = {
  throttled: 'rate_limited',
  overloaded: 'transient',
  credentials: 'auth',
  balance: 'quota_exhausted',
  too_long: 'context_length',
  bad_request: 'invalid_request',
};

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
  // A fault kind this adapter does not know (a newer server) falls through to the status, like no fault.
  const failure = kind !== undefined && Object.hasOwn(FAILURE_OF_FAULT, kind) ? FAILURE_OF_FAULT[kind] : undefined;
  if (failure !== undefined) {
    // bad_request on 404 names a model the server does not have.
    const known = failure === 'invalid_request' && status === 404 ? 'model_not_found' : failure;
    // retry-after-ms, then retry-after as seconds or an HTTP date.
    return failureKindError(known, common, () => parseRetryAfter(headers));
  }
  return status >= 500 || status === 408
    ? new TransientError(common)
    : new InvalidRequestError({ ...common, reason: 'other' });
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
