import { InvalidResponseError } from '@sc-safety/spec';
import type { FinishReasonV1, GenerateResultV1, UsageV1, WarningV1 } from '@sc-safety/spec';
import type { AcmeResponseBody } from './acme-wire.js';

/** The moderation signals this adapter maps to blocked results (for the capability manifest). */
export const ACME_MODERATION_SIGNALS = ['moderation.blocked=true', 'output.stop=moderated'];

const FINISH: Record<string, FinishReasonV1['unified']> = {
  done: 'stop',
  max_length: 'length',
  moderated: 'content-filter',
};

/**
 * Reads a 200 answer. Acme's moderation is a result, not an error: `moderation.blocked` (or
 * `stop: "moderated"`) becomes a blocked result, at the input stage for phase `prompt`, at the
 * output stage for `completion` (keeping the text generated before it as `partialText`).
 */
export function interpretResponse(parsed: unknown, warnings: WarningV1[], rawText: string): GenerateResultV1 {
  const body = parsed as Partial<AcmeResponseBody> | null;
  const output = body?.output;
  if (typeof output !== 'object' || output === null || typeof output.text !== 'string') {
    throw new InvalidResponseError({
      message: 'Acme: the answer has no output.text.',
      body: rawText.slice(0, 2000),
      warnings,
    });
  }
  const finishReason: FinishReasonV1 = { unified: FINISH[output.stop] ?? 'other', raw: output.stop };
  const usage: UsageV1 = {};
  if (typeof body?.tokens?.prompt === 'number') usage.inputTokens = body.tokens.prompt;
  if (typeof body?.tokens?.generated === 'number') usage.outputTokens = body.tokens.generated;
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined)
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
  const requestId = typeof body?.trace_id === 'string' ? body.trace_id : undefined;
  const moderation = body?.moderation;

  if (moderation?.blocked === true || output.stop === 'moderated') {
    const stage = moderation?.phase === 'prompt' ? 'input' : moderation?.phase === 'completion' ? 'output' : 'unknown';
    return {
      type: 'blocked',
      stage,
      code: 'moderated',
      message: `Acme moderation blocked the ${moderation?.phase ?? 'exchange'}${moderation?.label ? ` (${moderation.label})` : ''}.`,
      ...(stage === 'output' && output.text !== '' ? { partialText: output.text } : {}),
      ...(moderation?.label ? { details: { label: moderation.label } } : {}),
      finishReason,
      usage,
      ...(requestId === undefined ? {} : { requestId }),
      warnings,
      raw: parsed,
    };
  }
  return {
    type: 'completed',
    text: output.text,
    finishReason,
    usage,
    ...(requestId === undefined ? {} : { requestId }),
    warnings,
    raw: parsed,
  };
}
