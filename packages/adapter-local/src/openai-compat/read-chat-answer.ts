import { isDoneSentinel, openAIServedModel, parseJsonOrThrow, parseSse } from '@sc-safety/adapter-utils';
import { InvalidResponseError } from '@sc-safety/spec';
import type { CompletedResultV1, ServedModelV1 } from '@sc-safety/spec';
import { classifyHttpError } from '../http/classify-http-error.js';
import { guardStream } from '../http/guard-stream.js';
import type { ReadAnswerOptions } from '../http/read-answer-options.js';
import { transientWithPartial } from '../stream-interrupted-error.js';
import { usageOf } from '../usage.js';
import { chatFinishReason } from './finish-reason.js';

type Json = Record<string, unknown>;

/** Reads a non-streamed `chat.completion` body into a completed result. */
export async function readChatCompletion(response: Response, options: ReadAnswerOptions): Promise<CompletedResultV1> {
  const text = await response.text();
  const body = parseJsonOrThrow<Json>(text, {
    context: `${options.label} response`,
    secrets: options.secrets,
    status: response.status,
  });
  const choice = firstChoice(body);
  const message = choice?.message as Json | undefined;
  if (choice === undefined || typeof message !== 'object' || message === null) {
    throw new InvalidResponseError({
      message: `${options.label}: the response has no choices[0].message.`,
      status: response.status,
      warnings: options.warnings,
    });
  }
  const usage = (body.usage ?? {}) as Json;
  const served = openAIServedModel(body);
  return {
    type: 'completed',
    text: typeof message.content === 'string' ? message.content : '',
    ...reasoningOf(message.reasoning_content),
    finishReason: chatFinishReason(stringOf(choice.finish_reason)),
    usage: usageOf(usage.prompt_tokens, usage.completion_tokens),
    ...(served === undefined ? {} : { servedModel: served }),
    warnings: options.warnings,
    raw: body,
  };
}

/**
 * Reads an SSE `chat.completion.chunk` stream. A frame that is not JSON is an InvalidResponseError;
 * an `error` frame and a stream that ends before a finish reason are TransientErrors that keep the
 * text received so far.
 */
export async function readChatStream(response: Response, options: ReadAnswerOptions): Promise<CompletedResultV1> {
  if (response.body === null)
    throw new InvalidResponseError({
      message: `${options.label}: the stream has no body.`,
      warnings: options.warnings,
    });
  let text = '';
  let reasoning = '';
  let finish: string | undefined;
  let usage: Json | undefined;
  let last: unknown;
  let served: ServedModelV1 | undefined;
  const events = guardStream(parseSse(response.body), () => text, options);
  for await (const event of events) {
    if (isDoneSentinel(event)) break;
    const frame = parseJsonOrThrow<Json>(event.data, {
      context: `${options.label} stream frame`,
      secrets: options.secrets,
    });
    last = frame;
    if (frame.error !== undefined) {
      throw classifyHttpError({ status: undefined, bodyText: event.data }, { ...options, partialText: text });
    }
    if (typeof frame.usage === 'object' && frame.usage !== null) usage = frame.usage as Json;
    // Every chunk repeats the envelope (`model`, `system_fingerprint`); the last one that names it wins.
    served = openAIServedModel(frame) ?? served;
    const choice = firstChoice(frame);
    if (choice === undefined) continue;
    const delta = (choice.delta ?? {}) as Json;
    if (typeof delta.content === 'string') text += delta.content;
    if (typeof delta.reasoning_content === 'string') reasoning += delta.reasoning_content;
    const reason = stringOf(choice.finish_reason);
    if (reason !== undefined) finish = reason;
  }
  if (finish === undefined) {
    throw transientWithPartial(
      {
        message: `${options.label}: the stream ended before a finish reason (the answer is incomplete).`,
        warnings: options.warnings,
      },
      text,
    );
  }
  return {
    type: 'completed',
    text,
    ...reasoningOf(reasoning),
    finishReason: chatFinishReason(finish),
    usage: usageOf(usage?.prompt_tokens, usage?.completion_tokens),
    ...(served === undefined ? {} : { servedModel: served }),
    warnings: options.warnings,
    raw: last,
  };
}

function firstChoice(body: Json): Json | undefined {
  const choices = body.choices;
  if (!Array.isArray(choices)) return undefined;
  const first: unknown = choices[0];
  return typeof first === 'object' && first !== null ? (first as Json) : undefined;
}

function reasoningOf(value: unknown): { reasoningText?: string } {
  return typeof value === 'string' && value !== '' ? { reasoningText: value } : {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
