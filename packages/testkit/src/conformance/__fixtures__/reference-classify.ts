import {
  AuthError,
  InvalidRequestError,
  QuotaExhaustedError,
  RateLimitedError,
  TransientError,
} from '@sc-safety/spec';
import type { AdapterError, BlockedResultV1, BlockStage } from '@sc-safety/spec';

/** Fields the reference adapter reads from any OpenAI-family error body. */
export interface ErrorFields {
  code?: string;
  type?: string;
  message: string;
  role?: string;
  detail?: string;
}

export function errorFields(parsed: unknown, fallback: string): ErrorFields {
  const record = (parsed ?? {}) as Record<string, unknown>;
  const error = (typeof record.error === 'object' && record.error !== null ? record.error : {}) as Record<string, unknown>;
  const filter = Array.isArray(record.contentFilter) ? (record.contentFilter[0] as Record<string, unknown> | undefined) : undefined;
  return {
    code: error.code === undefined || error.code === null ? undefined : String(error.code),
    type: typeof error.type === 'string' ? error.type : undefined,
    message: typeof error.message === 'string' ? error.message : typeof record.detail === 'string' ? record.detail : fallback,
    role: typeof filter?.role === 'string' ? filter.role : undefined,
    detail: typeof record.detail === 'string' ? record.detail : undefined,
  };
}

/** docs/vendor-apis.md §19.4, for the error-shaped signals. */
export function blockFromError(f: ErrorFields): Omit<BlockedResultV1, 'warnings'> | undefined {
  const block = (stage: BlockStage, code: string) => ({ type: 'blocked' as const, stage, code, message: f.message });
  if (f.detail === 'Content Exists Risk') return block('input', 'Content Exists Risk');
  if (f.code === 'invalid_prompt') return block('input', 'invalid_prompt');
  if (f.code === 'data_inspection_failed') return block(/^Input/.test(f.message) ? 'input' : /^Output/.test(f.message) ? 'output' : 'unknown', f.code);
  if (f.code === '1301') return block(f.role === 'user' ? 'input' : f.role === 'assistant' ? 'output' : 'unknown', '1301');
  if (f.type === 'content_filter') return block('unknown', 'content_filter');
  if (f.type === 'unsafe_request') return block('input', f.code ?? 'unsafe_request');
  if (f.code?.startsWith('Input') && f.code.includes('Sensitive')) return block('input', f.code);
  if (f.code?.startsWith('Output') && f.code.includes('Sensitive')) return block('output', f.code);
  return undefined;
}

const QUOTA_CODES = new Set(['insufficient_quota', 'exceeded_current_quota_error', '1113', 'AccountOverdueError']);
const CONTEXT = /context length|context window|context size|Range of input length|token limit|tokens_too_long/i;

/** Classifies an HTTP error that is not a block. `body` is already redacted. */
export function errorFromStatus(status: number, headers: Headers, f: ErrorFields, body: string, requestId: string | undefined): AdapterError {
  const base = { message: `HTTP ${status}: ${f.message}`, status, vendorCode: f.code ?? f.type, body, requestId };
  const quota = QUOTA_CODES.has(f.code ?? '') || QUOTA_CODES.has(f.type ?? '');
  if (status === 402 || quota) return new QuotaExhaustedError(base);
  if (status === 429) return new RateLimitedError({ ...base, retryAfterMs: retryAfterMs(headers) });
  if (status === 401 || status === 403) return new AuthError(base);
  if (status === 408 || status === 409 || status >= 500) return new TransientError(base);
  if (f.code === 'context_length_exceeded' || f.code === '1261' || CONTEXT.test(f.message) || CONTEXT.test(f.code ?? '')) {
    return new InvalidRequestError({ ...base, reason: 'context_length' });
  }
  return new InvalidRequestError({ ...base, reason: status === 404 ? 'model_not_found' : 'parameter' });
}

export function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms)) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
