import { redactSecrets, servedModel } from '@sc-safety/adapter-utils';
import type { BlockedResultV1, GenerateResultV1, WarningV1 } from '@sc-safety/spec';
import { mapFinishReason } from './finish-reason.js';
import { mapUsage } from './map-usage.js';
import { redactRaw } from './redact-raw.js';

/** The moderation signals this adapter turns into blocked results (the capability manifest lists them). */
export const MODERATION_SIGNALS = [
  'stop_reason=refusal',
  'error.message=Output blocked by content filtering policy',
] as const;

export interface InterpretOptions {
  requestId: string | undefined;
  warnings: WarningV1[];
  /** Kept as evidence: the body, or the message assembled from a stream. */
  raw: unknown;
  /** Values taken out of `raw` and of the refusal's explanation and category (the API key). */
  secrets?: readonly string[];
}

/**
 * Reads a complete Messages response (or one assembled from a stream): the text of its text
 * blocks, thinking as reasoning text, finish reason and usage. `stop_reason: "refusal"` is the
 * streaming classifier stopping the answer: a blocked result at the output stage, keeping the text
 * written before it as `partialText`. `raw` and the vendor's refusal explanation are kept with the
 * secrets redacted (see {@link redactRaw}); the answer text is kept as it is.
 */
export function interpretMessage(message: Record<string, unknown>, options: InterpretOptions): GenerateResultV1 {
  const blocks = Array.isArray(message.content) ? (message.content as unknown[]) : [];
  let text = '';
  let thinking = '';
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null) continue;
    const b = block as Record<string, unknown>;
    if (b.type === 'text' && typeof b.text === 'string') text += b.text;
    else if (b.type === 'thinking' && typeof b.thinking === 'string') thinking += b.thinking;
  }
  const stopReason = typeof message.stop_reason === 'string' ? message.stop_reason : undefined;
  const finishReason = mapFinishReason(stopReason);
  const usage = mapUsage(message.usage);
  const requestId = options.requestId ?? (typeof message.id === 'string' ? message.id : undefined);
  const secrets = options.secrets ?? [];
  const raw = redactRaw(options.raw, secrets);
  // The response's `model`: the snapshot that answered (a request may name an alias).
  const served = servedModel({ id: message.model });

  if (stopReason === 'refusal') {
    const details = refusalDetails(message.stop_details, secrets);
    const blocked: BlockedResultV1 = {
      type: 'blocked',
      stage: 'output',
      code: 'refusal',
      message:
        details.explanation ?? 'Anthropic stopped the answer with stop_reason "refusal" (streaming safety classifier).',
      finishReason,
      usage,
      warnings: options.warnings,
      raw,
    };
    if (text !== '') blocked.partialText = text;
    if (details.category !== undefined) blocked.details = { category: details.category };
    if (requestId !== undefined) blocked.requestId = requestId;
    if (served !== undefined) blocked.servedModel = served;
    return blocked;
  }

  return {
    type: 'completed',
    text,
    ...(thinking === '' ? {} : { reasoningText: thinking }),
    finishReason,
    usage,
    ...(requestId === undefined ? {} : { requestId }),
    ...(served === undefined ? {} : { servedModel: served }),
    warnings: options.warnings,
    raw,
  };
}

function refusalDetails(stopDetails: unknown, secrets: readonly string[]): { category?: string; explanation?: string } {
  if (typeof stopDetails !== 'object' || stopDetails === null) return {};
  const d = stopDetails as Record<string, unknown>;
  return {
    ...(typeof d.category === 'string' ? { category: redactSecrets(d.category, secrets) } : {}),
    ...(typeof d.explanation === 'string' && d.explanation !== ''
      ? { explanation: redactSecrets(d.explanation, secrets) }
      : {}),
  };
}
