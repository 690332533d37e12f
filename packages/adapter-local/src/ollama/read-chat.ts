import { parseJsonOrThrow, parseNdjson, redactBody, servedModel } from '@sc-safety/adapter-utils';
import { InvalidResponseError } from '@sc-safety/spec';
import type { CompletedResultV1, WarningV1 } from '@sc-safety/spec';
import { classifyHttpError } from '../http/classify-http-error.js';
import { guardStream, streamBody } from '../http/guard-stream.js';
import type { ReadAnswerOptions } from '../http/read-answer-options.js';
import { transientWithPartial } from '../stream-interrupted-error.js';
import { usageOf } from '../usage.js';
import { doneReason } from './done-reason.js';

type Json = Record<string, unknown>;

/** Reads a non-streamed `/api/chat` answer (`stream: false`). */
export async function readOllamaChat(response: Response, options: ReadAnswerOptions): Promise<CompletedResultV1> {
  const text = await response.text();
  const body = parseJsonOrThrow<Json>(text, {
    context: `${options.label} /api/chat response`,
    secrets: options.secrets,
    status: response.status,
  });
  if (body.error !== undefined) throw classifyHttpError({ status: undefined, bodyText: text }, options);
  if (body.done !== true) {
    throw new InvalidResponseError({
      message: `${options.label}: the answer is not marked "done": true.`,
      body: redactBody(text, options.secrets),
      warnings: options.warnings,
    });
  }
  return completed(contentOf(body), body, options.warnings);
}

/**
 * Reads the NDJSON stream of `/api/chat`: `done: false` lines with message pieces, then a `done:
 * true` line with the statistics. An `{"error": …}` line (Ollama reports failures mid-stream after
 * HTTP 200) and a stream that ends before `done: true` are TransientErrors keeping the partial text.
 */
export async function readOllamaStream(response: Response, options: ReadAnswerOptions): Promise<CompletedResultV1> {
  let text = '';
  const lines = parseNdjson<Json>(streamBody(response, options), {
    context: `${options.label} /api/chat stream`,
    secrets: options.secrets,
  });
  for await (const line of guardStream(lines, () => text, options)) {
    if (line.error !== undefined) {
      throw classifyHttpError({ status: undefined, bodyText: JSON.stringify(line) }, { ...options, partialText: text });
    }
    text += contentOf(line);
    if (line.done === true) return completed(text, line, options.warnings);
  }
  throw transientWithPartial(
    {
      message: `${options.label}: the stream ended before its "done": true line (the answer is incomplete).`,
      warnings: options.warnings,
    },
    text,
  );
}

function contentOf(line: Json): string {
  const message = line.message as Json | undefined;
  return typeof message?.content === 'string' ? message.content : '';
}

function completed(text: string, final: Json, warnings: WarningV1[]): CompletedResultV1 {
  const message = final.message as Json | undefined;
  const thinking =
    typeof message?.thinking === 'string' && message.thinking !== '' ? { reasoningText: message.thinking } : {};
  const served = servedModel({ id: final.model });
  return {
    type: 'completed',
    text,
    ...thinking,
    finishReason: doneReason(final.done_reason),
    usage: usageOf(final.prompt_eval_count, final.eval_count),
    ...(served === undefined ? {} : { servedModel: served }),
    warnings,
    raw: final,
  };
}
