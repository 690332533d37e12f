/**
 * Acme's wire format (API v2), as Acme documents it. Kept in one file so the request mapping, the
 * response reading and the fake server in the tests all speak the same shapes.
 */

/** Path of the one endpoint, below the base URL. */
export const ACME_GENERATE_PATH = '/acme/v2/generate';
/** Header carrying the API key. */
export const ACME_KEY_HEADER = 'X-Acme-Key';

export interface AcmeTurn {
  speaker: 'human' | 'bot';
  text: string;
}

export interface AcmeSampling {
  temperature?: number;
  max_new_tokens?: number;
  seed?: number;
}

export interface AcmeRequestBody {
  model: string;
  dialogue: AcmeTurn[];
  /** The system prompt. */
  instructions?: string;
  sampling: AcmeSampling;
}

/** `done`: finished; `max_length`: hit `max_new_tokens`; `moderated`: Acme's filter stopped it. */
export type AcmeStop = 'done' | 'max_length' | 'moderated';

export interface AcmeResponseBody {
  output: { text: string; stop: AcmeStop };
  /** Present when Acme's moderation looked at the exchange. */
  moderation?: { blocked: boolean; phase: 'prompt' | 'completion'; label: string };
  tokens: { prompt: number; generated: number };
  trace_id: string;
}

/** The `fault.kind` values and the HTTP status each comes with. */
export const ACME_FAULT_STATUS = {
  throttled: 429,
  overloaded: 503,
  credentials: 401,
  balance: 402,
  too_long: 413,
  bad_request: 400,
} as const;

export type AcmeFaultKind = keyof typeof ACME_FAULT_STATUS;

export interface AcmeFaultBody {
  fault: { kind: AcmeFaultKind; detail: string };
}

/** Acme's temperature range; values outside it are clamped by the adapter. */
export const ACME_TEMPERATURE_RANGE = [0, 2] as const;
