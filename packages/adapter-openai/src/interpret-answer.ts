import { openAIServedModel } from '@sc-safety/adapter-utils';
import type { BlockedResultV1, GenerateResultV1, WarningV1 } from '@sc-safety/spec';
import { findBlockRule } from './block-rules.js';
import type { BlockRuleMatch } from './block-rules.js';
import { mapFinishReason } from './finish-reason.js';
import { getPath } from '@sc-safety/adapter-utils';
import { mapUsage } from './map-usage.js';
import type { OpenAIPreset } from './presets/types.js';

/** What an answer is read with besides its body. */
export interface InterpretOptions {
  preset: OpenAIPreset;
  warnings: WarningV1[];
  requestId: string | undefined;
  /** Kept as evidence: the body, or a stream's terminal chunk. */
  raw: unknown;
}

/**
 * Turns a `chat.completion` body (received whole or rebuilt from a stream) into a completed or
 * blocked result. The preset's `response` block rules decide; a `flag` rule keeps the answer and
 * adds a warning naming the signal.
 */
export function interpretAnswer(body: Record<string, unknown>, options: InterpretOptions): GenerateResultV1 {
  const { preset } = options;
  const warnings = [...options.warnings];
  const content = getPath(body, 'choices.0.message.content');
  const text = typeof content === 'string' ? content : '';
  const reasoning = getPath(body, 'choices.0.message.reasoning_content');
  const finishReason = mapFinishReason(getPath(body, 'choices.0.finish_reason'));
  const usage = mapUsage(body.usage);
  const requestId = options.requestId;
  // The response's `model` (a dated snapshot behind an alias) and `system_fingerprint`.
  const servedModel = openAIServedModel(body);

  const match = findBlockRule(preset.blocks, 'response', { body });
  if (match?.effect === 'block') {
    return blockedResult(match, {
      partialText: text,
      finishReason,
      usage,
      requestId,
      servedModel,
      warnings,
      raw: options.raw,
    });
  }
  if (match?.effect === 'flag') warnings.push(flagWarning(match, preset));

  return {
    type: 'completed',
    text,
    ...(typeof reasoning === 'string' && reasoning !== '' ? { reasoningText: reasoning } : {}),
    finishReason,
    usage,
    ...(requestId === undefined ? {} : { requestId }),
    ...(servedModel === undefined ? {} : { servedModel }),
    warnings,
    raw: options.raw,
  };
}

/** A blocked outcome from a matched rule. Empty partial text is left out. */
export function blockedResult(
  match: BlockRuleMatch,
  extra: Omit<Partial<BlockedResultV1>, 'type' | 'stage' | 'code' | 'message' | 'details'> & { warnings: WarningV1[] },
): BlockedResultV1 {
  const { partialText, requestId, servedModel, finishReason, usage, raw, warnings } = extra;
  return {
    type: 'blocked',
    stage: match.stage,
    code: match.code,
    message: match.message,
    ...(partialText !== undefined && partialText !== '' ? { partialText } : {}),
    details: match.details,
    ...(finishReason === undefined ? {} : { finishReason }),
    ...(usage === undefined ? {} : { usage }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(servedModel === undefined ? {} : { servedModel }),
    warnings,
    ...(raw === undefined ? {} : { raw }),
  };
}

function flagWarning(match: BlockRuleMatch, preset: OpenAIPreset): WarningV1 {
  const detail = Object.entries(match.details)
    .filter(([name]) => name !== 'signal')
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ');
  return {
    type: 'other',
    message: `${preset.label} moderation signal recorded, answer kept (${match.rule.signal}${detail === '' ? '' : `; ${detail}`}): ${match.message}`,
  };
}
