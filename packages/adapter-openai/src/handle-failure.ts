import { errorText, redactSecrets, safeParseJson, sanitizedCause } from '@sc-safety/adapter-utils';
import { AbortedError, AdapterError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { BlockedResultV1, WarningV1 } from '@sc-safety/spec';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { findBlockRule } from './block-rules.js';
import type { FetchCapture } from './capture-fetch.js';
import { classifyErrorResponse, isContextLengthError } from './classify-error.js';
import type { ErrorEvidence } from './classify-error.js';
import { blockedResult } from './interpret-answer.js';
import type { OpenAIPreset } from './presets/types.js';
import { readRequestId } from './request-id.js';

/** What the call knew when it failed. */
export interface FailureContext {
  preset: OpenAIPreset;
  secrets: readonly string[];
  warnings: WarningV1[];
  capture: FetchCapture;
  /** The per-call deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  callerAborted: boolean;
  /** Text streamed before the failure. */
  partialText?: string;
}

/**
 * Turns whatever a call threw into its outcome: a blocked result when an `error` block rule
 * matches the vendor body (context-length errors are checked first and are never blocks), else a
 * spec error. Messages and recorded bodies are redacted with the API key, and the cause is a
 * redacted copy of what was thrown (see adapter-utils' `sanitizedCause`).
 */
export function handleFailure(error: unknown, ctx: FailureContext): BlockedResultV1 | AdapterError {
  if (AdapterError.isInstance(error)) return error;
  const base = { warnings: ctx.warnings, cause: sanitizedCause(error, ctx.secrets) };
  const label = ctx.preset.label;
  if (ctx.timedOut || error instanceof APIConnectionTimeoutError) {
    return new TimeoutError({ ...base, message: `${label}: no complete answer within the per-call timeout.` });
  }
  if (ctx.callerAborted || error instanceof APIUserAbortError) {
    return new AbortedError({ ...base, message: `${label}: the call was aborted by the caller.` });
  }
  if (error instanceof APIConnectionError) {
    return new TransientError({ ...base, message: redact(`${label}: connection failed: ${errorText(error)}`, ctx) });
  }
  if (error instanceof APIError) {
    const evidence = evidenceOf(error, ctx);
    if (evidence !== undefined) return fromEvidence(evidence, ctx);
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError({
      ...base,
      message: redact(`${label}: a stream frame was not valid JSON: ${error.message}`, ctx),
    });
  }
  // Bodies cut off mid-way (undici "terminated", "other side closed") and other I/O failures.
  return new TransientError({
    ...base,
    message: redact(`${label}: the answer could not be read: ${errorText(error)}`, ctx),
  });
}

/** Applies context-length, then block rules, then classification to an error body. */
export function fromEvidence(evidence: ErrorEvidence, ctx: FailureContext): BlockedResultV1 | AdapterError {
  const subject = { status: evidence.status, body: evidence.body };
  const classifyOptions = { preset: ctx.preset, secrets: ctx.secrets, warnings: ctx.warnings };
  if (!isContextLengthError(subject, ctx.preset)) {
    const match = findBlockRule(ctx.preset.blocks, 'error', subject);
    if (match?.effect === 'block') {
      const safeText = redactSecrets(evidence.bodyText, ctx.secrets);
      const parsed = safeParseJson(safeText);
      return blockedResult(
        { ...match, message: redactSecrets(match.message, ctx.secrets) },
        {
          ...(ctx.partialText === undefined ? {} : { partialText: ctx.partialText }),
          ...optionalRequestId(readRequestId(evidence.headers, evidence.body)),
          warnings: ctx.warnings,
          raw: parsed.success ? parsed.value : safeText,
        },
      );
    }
  }
  return classifyErrorResponse(evidence, classifyOptions);
}

function evidenceOf(error: APIError, ctx: FailureContext): ErrorEvidence | undefined {
  const captured = ctx.capture.errorResponse;
  if (error.status !== undefined) {
    if (captured !== undefined && captured.status === error.status) {
      return { status: captured.status, headers: captured.headers, ...parseBody(captured.text) };
    }
    const text = JSON.stringify(error.error === undefined ? {} : { error: error.error });
    return { status: error.status, headers: error.headers, ...parseBody(text) };
  }
  if (error.error === undefined) return undefined;
  // An error frame inside a 200 stream: prefer the whole frame (top-level fields) over the SDK's `error` part.
  const frame = ctx.capture.errorFrame;
  if (frame !== undefined) return { status: undefined, headers: error.headers, body: frame.body, bodyText: frame.text };
  const text = JSON.stringify({ error: error.error });
  return { status: undefined, headers: error.headers, ...parseBody(text) };
}

function parseBody(text: string): { body: unknown; bodyText: string } {
  const parsed = safeParseJson(text);
  return { body: parsed.success ? parsed.value : text, bodyText: text };
}

function optionalRequestId(requestId: string | undefined): { requestId?: string } {
  return requestId === undefined ? {} : { requestId };
}

function redact(text: string, ctx: FailureContext): string {
  return redactSecrets(text, ctx.secrets);
}
