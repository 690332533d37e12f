import { AdapterError } from '@sc-safety/spec';
import type { AnswerError } from './types.js';

/**
 * A failed call (after the lane's retries) as a row's error: the adapter's kind, status and vendor
 * code, the message redacted, the tries it took.
 */
export function toAnswerError(error: unknown, redact: (text: string) => string, attempts?: number): AnswerError {
  const last = (error as { lastError?: unknown }).lastError ?? error;
  const tries = (error as { attempts?: number }).attempts ?? attempts;
  if (AdapterError.isInstance(last)) {
    return {
      kind: last.kind,
      message: redact(last.message),
      ...(last.status !== undefined ? { status: last.status } : {}),
      ...(last.vendorCode !== undefined ? { vendorCode: last.vendorCode } : {}),
      ...(tries !== undefined ? { attempts: tries } : {}),
    };
  }
  const message = last instanceof Error ? last.message : String(last);
  return { kind: 'unexpected', message: redact(message), ...(tries !== undefined ? { attempts: tries } : {}) };
}
