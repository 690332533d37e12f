import { redactSecrets, safeParseJson, sdkFailureOutcome } from '@sc-safety/adapter-utils';
import type { CallFailureContext } from '@sc-safety/adapter-utils';
import type { AdapterError, BlockedResultV1 } from '@sc-safety/spec';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { findBlockRule } from './block-rules.js';
import type { FetchCapture } from './capture-fetch.js';
import { classifyErrorResponse, isContextLengthError } from './classify-error.js';
import type { ErrorEvidence } from './classify-error.js';
import { blockedResult } from './interpret-answer.js';
import type { OpenAIPreset } from './presets/types.js';
import { readRequestId } from './request-id.js';

/** What the call knew when it failed. */
export interface FailureContext extends CallFailureContext {
  preset: OpenAIPreset;
  capture: FetchCapture;
}

/**
 * Turns whatever a call threw into its outcome (see adapter-utils' `sdkFailureOutcome`): a blocked
 * result when an `error` block rule matches the vendor body (context-length errors are checked
 * first and are never blocks), else a spec error. Messages and recorded bodies are redacted with
 * the API key, and the cause is a redacted copy of what was thrown.
 */
export function handleFailure(error: unknown, ctx: FailureContext): BlockedResultV1 | AdapterError {
  return sdkFailureOutcome(error, ctx, {
    label: ctx.preset.label,
    streamUnit: 'stream frame',
    isTimeout: (e) => e instanceof APIConnectionTimeoutError,
    isUserAbort: (e) => e instanceof APIUserAbortError,
    isConnection: (e) => e instanceof APIConnectionError,
    fromApiError: (e) => {
      const evidence = e instanceof APIError ? evidenceOf(e, ctx) : undefined;
      return evidence === undefined ? undefined : fromEvidence(evidence, ctx);
    },
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
