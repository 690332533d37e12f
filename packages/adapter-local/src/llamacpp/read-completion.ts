import { parseJsonOrThrow, parseSse, servedModel } from '@sc-safety/adapter-utils';
import type { CompletedResultV1, WarningV1 } from '@sc-safety/spec';
import { classifyHttpError } from '../http/classify-http-error.js';
import { guardStream, streamBody } from '../http/guard-stream.js';
import type { ReadAnswerOptions } from '../http/read-answer-options.js';
import { transientWithPartial } from '../stream-interrupted-error.js';
import { usageOf } from '../usage.js';
import { completionFinishReason } from './stop-type.js';

type Json = Record<string, unknown>;

/** Reads a non-streamed `/completion` answer. */
export async function readCompletion(response: Response, options: ReadAnswerOptions): Promise<CompletedResultV1> {
  const text = await response.text();
  const body = parseJsonOrThrow<Json>(text, {
    context: `${options.label} /completion response`,
    secrets: options.secrets,
    status: response.status,
  });
  return completed(typeof body.content === 'string' ? body.content : '', body, options.warnings);
}

/**
 * Reads a streamed `/completion` answer: one SSE `data:` object per token, the last with
 * `stop: true` and the statistics, and no `[DONE]`. A stream that ends before `stop: true` is cut.
 */
export async function readCompletionStream(response: Response, options: ReadAnswerOptions): Promise<CompletedResultV1> {
  let text = '';
  for await (const event of guardStream(parseSse(streamBody(response, options)), () => text, options)) {
    const frame = parseJsonOrThrow<Json>(event.data, {
      context: `${options.label} /completion stream frame`,
      secrets: options.secrets,
    });
    if (frame.error !== undefined)
      throw classifyHttpError({ status: undefined, bodyText: event.data }, { ...options, partialText: text });
    if (typeof frame.content === 'string') text += frame.content;
    if (frame.stop === true) return completed(text, frame, options.warnings);
  }
  throw transientWithPartial(
    {
      message: `${options.label}: the stream ended before its final "stop": true frame (the answer is incomplete).`,
      warnings: options.warnings,
    },
    text,
  );
}

function completed(text: string, final: Json, warnings: WarningV1[]): CompletedResultV1 {
  // The final object's `model`: the loaded model's path (or its `--alias`).
  const served = servedModel({ id: final.model });
  return {
    type: 'completed',
    text,
    finishReason: completionFinishReason(final.stop_type, final.truncated, warnings),
    usage: usageOf(final.tokens_evaluated, final.tokens_predicted),
    ...(served === undefined ? {} : { servedModel: served }),
    warnings,
    raw: final,
  };
}
