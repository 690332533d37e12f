import type { WarningV1 } from './result.js';

/**
 * Marker shared by every copy of this package in a process (duplicate installs, bundled copies):
 * `instanceof` fails across copies, the registered symbol does not.
 */
const MARKER = Symbol.for('@sc-safety/spec.adapter-error');

/** How the engine should treat a failure. */
export type AdapterErrorKind =
  | 'rate_limited'
  | 'transient'
  | 'timeout'
  | 'auth'
  | 'quota_exhausted'
  | 'invalid_request'
  | 'invalid_response'
  | 'aborted';

export interface AdapterErrorOptions {
  message: string;
  /** HTTP status (or vendor status) when there was one. */
  status?: number;
  /** The vendor's error code (`rate_limit_exceeded`, `1302`, `Throttling.RateQuota`, …). */
  vendorCode?: string;
  /** The vendor's response body with secrets removed. Never put an unredacted body here. */
  body?: string;
  requestId?: string;
  cause?: unknown;
  warnings?: WarningV1[];
}

/**
 * Base of every failure an adapter throws. Adapters classify; the engine decides what to retry.
 * Use the static `isInstance` checks rather than `instanceof`.
 */
export class AdapterError extends Error {
  readonly [MARKER] = true;
  readonly kind: AdapterErrorKind = 'transient';
  readonly status: number | undefined;
  readonly vendorCode: string | undefined;
  readonly body: string | undefined;
  readonly requestId: string | undefined;
  readonly warnings: WarningV1[];

  constructor(options: AdapterErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AdapterError';
    this.status = options.status;
    this.vendorCode = options.vendorCode;
    this.body = options.body;
    this.requestId = options.requestId;
    this.warnings = options.warnings ?? [];
  }

  /** Whether the engine may retry the same call. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient' || this.kind === 'timeout';
  }

  static isInstance(error: unknown): error is AdapterError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }

  /** Plain-object form for logs and stores (no stack, no cause). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      vendorCode: this.vendorCode,
      body: this.body,
      requestId: this.requestId,
    };
  }
}

function isKind(error: unknown, kind: AdapterErrorKind): boolean {
  return AdapterError.isInstance(error) && error.kind === kind;
}

/** The class of one failure kind: its instances' `kind`, and a guard that narrows to the class. */
export interface KindErrorClass<K extends AdapterErrorKind> {
  new (options: AdapterErrorOptions): AdapterError & { readonly kind: K };
  /** Whether `error` is a failure of this kind, from any copy of this package. */
  isInstance<T>(this: abstract new (...args: never[]) => T, error: unknown): error is T;
}

/**
 * Builds the base class of one kind: its `kind`, its `name` and its guard. A kind with more to say
 * (`retryAfterMs`, `reason`) extends it with its own fields.
 */
function kindErrorClass<K extends AdapterErrorKind>(kind: K, name: string): KindErrorClass<K> {
  return class extends AdapterError {
    override readonly kind = kind;
    constructor(options: AdapterErrorOptions) {
      super(options);
      this.name = name;
    }
    static override isInstance(error: unknown): error is AdapterError {
      return isKind(error, kind);
    }
  } as unknown as KindErrorClass<K>;
}

/** 429-style throttling. Retry after `retryAfterMs` when the vendor said so. */
export class RateLimitedError extends kindErrorClass('rate_limited', 'RateLimitedError') {
  /** How long the vendor asked us to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(options: AdapterErrorOptions & { retryAfterMs?: number }) {
    super(options);
    this.retryAfterMs = options.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** 5xx, overloaded (Anthropic 529), connection reset, truncated stream: worth retrying. */
export class TransientError extends kindErrorClass('transient', 'TransientError') {}

/** The call took longer than its per-call timeout. */
export class TimeoutError extends kindErrorClass('timeout', 'TimeoutError') {}

/** Bad or missing credentials, or no permission for the model. Never retried; stops that model. */
export class AuthError extends kindErrorClass('auth', 'AuthError') {}

/** The account's balance or quota is spent. Never retried; stops that model. */
export class QuotaExhaustedError extends kindErrorClass('quota_exhausted', 'QuotaExhaustedError') {}

/** Why a request was invalid, when the adapter can tell. */
export type InvalidRequestReason = 'context_length' | 'parameter' | 'model_not_found' | 'other';

/**
 * The vendor rejected the request as malformed: bad parameter, unknown model, or a prompt longer
 * than the context window. A context-length error is never a content block.
 */
export class InvalidRequestError extends kindErrorClass('invalid_request', 'InvalidRequestError') {
  readonly reason: InvalidRequestReason;
  constructor(options: AdapterErrorOptions & { reason?: InvalidRequestReason }) {
    super(options);
    this.reason = options.reason ?? 'other';
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/** The vendor answered with something that could not be understood (malformed JSON, unknown shape). */
export class InvalidResponseError extends kindErrorClass('invalid_response', 'InvalidResponseError') {}

/** The caller aborted the call through `signal`. */
export class AbortedError extends kindErrorClass('aborted', 'AbortedError') {}
