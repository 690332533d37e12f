import { safeParseJson, sdkFailureOutcome } from '@sc-safety/adapter-utils';
import type { CallFailureContext } from '@sc-safety/adapter-utils';
import type { AdapterError, BlockedResultV1 } from '@sc-safety/spec';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { classifyError } from './classify-error.js';

/** What the call knew when it failed. */
export type FailureContext = CallFailureContext;

/**
 * Turns whatever a call threw into its outcome (see adapter-utils' `sdkFailureOutcome`): the
 * deadline → TimeoutError; the caller's abort → AbortedError; no connection → TransientError; an
 * SDK `APIError` with a status or an error event → {@link classifyError} (which may answer with a
 * blocked result); a stream event that was not JSON → InvalidResponseError; a body cut off mid-way
 * and other I/O failures → TransientError. Every message is redacted with the API key.
 */
export function handleFailure(error: unknown, ctx: FailureContext): AdapterError | BlockedResultV1 {
  return sdkFailureOutcome(error, ctx, {
    label: 'Anthropic',
    streamUnit: 'stream event',
    isTimeout: (e) => e instanceof APIConnectionTimeoutError,
    isUserAbort: (e) => e instanceof APIUserAbortError,
    isConnection: (e) => e instanceof APIConnectionError,
    fromApiError: (e) => (e instanceof APIError ? classifyApiError(e, ctx) : undefined),
  });
}

/** An `APIError` with a status or an error event, classified; undefined when it has neither. */
function classifyApiError(error: APIError, ctx: FailureContext): AdapterError | BlockedResultV1 | undefined {
  if (error.status === undefined && error.error === undefined) return undefined;
  // The SDK keeps the whole JSON body as `error`; a non-JSON body (a gateway page) only in the message.
  const bodyText = error.error === undefined ? stripStatus(error.message) : JSON.stringify(error.error);
  const parsed = error.error === undefined ? undefined : safeParseJson(bodyText);
  return classifyError(
    { status: error.status, headers: error.headers, body: parsed?.success ? parsed.value : undefined, bodyText },
    {
      secrets: ctx.secrets,
      warnings: ctx.warnings,
      ...(ctx.partialText === undefined ? {} : { partialText: ctx.partialText }),
    },
  );
}

function stripStatus(message: string): string {
  return message.replace(/^\d{3} /, '');
}
