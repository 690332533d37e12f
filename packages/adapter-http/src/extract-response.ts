import { servedModel } from '@sc-safety/adapter-utils';
import type { FinishReasonV1, ServedModelV1, UnifiedFinishReason, UsageV1 } from '@sc-safety/spec';
import { getFirst, getPath, numberOf, scalarString } from '@sc-safety/adapter-utils';
import type { HttpTemplate, RequestIdSource, ServedModelPaths, UsagePaths } from './template/types.js';

/** Finish reasons most vendors share; a template's own map is merged over these. */
const COMMON_FINISH_REASONS: Readonly<Record<string, UnifiedFinishReason>> = {
  stop: 'stop',
  normal: 'stop',
  end_turn: 'stop',
  length: 'length',
  max_tokens: 'length',
  content_filter: 'content-filter',
  sensitive: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  refusal: 'refusal',
  network_error: 'error',
  error: 'error',
};

/** The vendor's raw finish value, unless it is one of the template's "not finished yet" values. */
export function readFinishRaw(template: HttpTemplate, body: unknown, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const raw = scalarString(getPath(body, path));
  if (raw === undefined || raw === '' || (template.unfinishedReasons ?? []).includes(raw)) return undefined;
  return raw;
}

/** Normalises a raw finish reason (`unknown` when absent or not in any map). */
export function mapFinishReason(template: HttpTemplate, raw: string | undefined): FinishReasonV1 {
  if (raw === undefined) return { unified: 'unknown', raw };
  const unified = template.finishReasons?.[raw] ?? COMMON_FINISH_REASONS[raw] ?? 'other';
  return { unified, raw };
}

/** Usage read through the template's paths; fields the vendor did not send stay absent. */
export function readUsage(body: unknown, paths: UsagePaths | undefined): UsageV1 {
  const usage: UsageV1 = {};
  if (paths === undefined) return usage;
  const input = numberOf(getFirst(body, paths.input));
  const output = numberOf(getFirst(body, paths.output));
  const total = numberOf(getFirst(body, paths.total));
  const reasoning = numberOf(getFirst(body, paths.reasoning));
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  else if (input !== undefined && output !== undefined) usage.totalTokens = input + output;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** The first request id found in the sources given (body fields or response headers). */
export function readRequestId(
  body: unknown,
  headers: Record<string, string> | undefined,
  sources: readonly RequestIdSource[] | undefined,
): string | undefined {
  for (const source of sources ?? []) {
    const value =
      'header' in source ? headers?.[source.header.toLowerCase()] : scalarString(getPath(body, source.path));
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** A text field: strings as they are; absent or null as undefined. */
export function readText(body: unknown, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const value = getPath(body, path);
  return typeof value === 'string' ? value : undefined;
}

/** The served model read through the template's paths; undefined when the body names none. */
export function readServedModel(body: unknown, paths: ServedModelPaths | undefined): ServedModelV1 | undefined {
  if (paths === undefined) return undefined;
  return servedModel({
    id: scalarString(getFirst(body, paths.id)),
    fingerprint: scalarString(getFirst(body, paths.fingerprint)),
    digest: scalarString(getFirst(body, paths.digest)),
    path: scalarString(getFirst(body, paths.path)),
  });
}
