import { appendDelta, redactBody, redactSecrets, safeParseJson, takeCumulative } from '@sc-safety/adapter-utils';
import { InvalidResponseError, TransientError } from '@sc-safety/spec';
import type {
  AdapterError,
  BlockedResultV1,
  CompletedResultV1,
  GenerateResultV1,
  ServedModelV1,
  UsageV1,
  WarningV1,
} from '@sc-safety/spec';
import { classifyFailure, findBlock, flagWarning, isErrorBody } from './classify.js';
import type { BlockMatch } from './classify.js';
import { matches } from '@sc-safety/adapter-utils';
import type { RuleSubject as Subject } from '@sc-safety/adapter-utils';
import {
  mapFinishReason,
  readFinishRaw,
  readRequestId,
  readServedModel,
  readText,
  readUsage,
} from './extract-response.js';
import { getPath } from '@sc-safety/adapter-utils';
import { redactRaw } from './redact-raw.js';
import type { StreamFrame } from './stream/read-frames.js';
import type { HttpTemplate, StreamSpec } from './template/types.js';

/** What interpreting one response needs. */
export interface InterpretContext {
  template: HttpTemplate;
  secrets: readonly string[];
  warnings: WarningV1[];
  /** Response headers, lowercase names. */
  headers: Record<string, string>;
  /** Sees every failure before it is thrown (token caches drop a rejected token). */
  onFailure?: ((error: AdapterError) => void) | undefined;
}

function fail(context: InterpretContext, error: AdapterError): never {
  context.onFailure?.(error);
  throw error;
}

function addFlag(context: InterpretContext, match: BlockMatch): void {
  const flag = flagWarning(match);
  const warning = { ...flag, message: redactSecrets(flag.message, context.secrets) };
  if (!context.warnings.some((w) => w.message === warning.message)) context.warnings.push(warning);
}

function blocked(
  match: BlockMatch,
  parts: {
    partialText?: string | undefined;
    usage?: UsageV1;
    requestId?: string | undefined;
    raw: unknown;
    finishRaw?: string | undefined;
    servedModel?: ServedModelV1 | undefined;
  },
  context: InterpretContext,
): BlockedResultV1 {
  // Message and details are read from the vendor's body, which may echo a credential.
  const details = Object.fromEntries(
    Object.entries(match.details).map(([name, value]) => [
      name,
      typeof value === 'string' ? redactSecrets(value, context.secrets) : value,
    ]),
  );
  const result: BlockedResultV1 = {
    type: 'blocked',
    stage: match.stage,
    code: redactSecrets(match.code, context.secrets),
    message: redactSecrets(match.message, context.secrets),
    details,
    warnings: context.warnings,
    raw: redactRaw(parts.raw, context.secrets),
  };
  // An input block's "answer" is the vendor's canned notice, not model text: it stays in `raw` only.
  if (match.stage !== 'input' && parts.partialText !== undefined && parts.partialText !== '')
    result.partialText = parts.partialText;
  if (parts.usage !== undefined && Object.keys(parts.usage).length > 0) result.usage = parts.usage;
  if (parts.requestId !== undefined) result.requestId = parts.requestId;
  if (parts.servedModel !== undefined) result.servedModel = parts.servedModel;
  if (parts.finishRaw !== undefined) result.finishReason = mapFinishReason(context.template, parts.finishRaw);
  return result;
}

/**
 * Interprets a whole (non-streamed) response: block rules first (a 400 moderation error is a
 * result, not a failure), then error detection on status and body, then the answer.
 */
export function interpretBody(context: InterpretContext, status: number, text: string): GenerateResultV1 {
  const { template } = context;
  const parsed = safeParseJson(text, { context: `${template.label} response`, secrets: context.secrets });
  if (!parsed.success) {
    if (status >= 400)
      return fail(context, classifyFailure(template, { status, body: text }, { ...context, raw: text }));
    return fail(
      context,
      new InvalidResponseError({
        message: `${parsed.error.message} (HTTP ${status}). Body: ${parsed.error.snippet}`,
        status,
        body: redactBody(text, context.secrets),
        warnings: context.warnings,
      }),
    );
  }
  const body = parsed.value;
  const subject: Subject = { status, body };
  const headerId = readRequestId(body, context.headers, template.response.requestId);
  const errorBody = isErrorBody(template, subject);
  const match = findBlock(template, subject, errorBody ? 'error' : 'response');
  if (match?.effect === 'block') {
    return blocked(
      match,
      {
        partialText: readText(body, template.response.text),
        usage: readUsage(body, template.response.usage),
        requestId: headerId ?? readRequestId(body, undefined, errorIds(template)),
        raw: body,
        finishRaw: readFinishRaw(template, body, template.response.finishReason),
        servedModel: readServedModel(body, template.response.servedModel),
      },
      context,
    );
  }
  if (match?.effect === 'flag') addFlag(context, match);
  if (errorBody)
    return fail(context, classifyFailure(template, subject, { ...context, raw: text, requestId: headerId }));
  const answer = readText(body, template.response.text);
  if (answer === undefined && getPath(body, template.response.text) !== null) {
    return fail(
      context,
      new InvalidResponseError({
        message: `${template.label} answer has no text at template.response.text ("${template.response.text}"): check the path against the body.`,
        status,
        body: redactBody(text, context.secrets),
        warnings: context.warnings,
      }),
    );
  }
  const result: CompletedResultV1 = {
    type: 'completed',
    text: answer ?? '',
    finishReason: mapFinishReason(template, readFinishRaw(template, body, template.response.finishReason)),
    usage: readUsage(body, template.response.usage),
    warnings: context.warnings,
    raw: redactRaw(body, context.secrets),
  };
  const reasoning = readText(body, template.response.reasoning);
  if (reasoning !== undefined && reasoning !== '') result.reasoningText = reasoning;
  if (headerId !== undefined) result.requestId = headerId;
  const served = readServedModel(body, template.response.servedModel);
  if (served !== undefined) result.servedModel = served;
  return result;
}

function errorIds(template: HttpTemplate): { path: string }[] {
  return (template.errors.requestId ?? []).map((path) => ({ path }));
}

/**
 * Assembles a stream frame by frame. Block rules run on every frame, so a block that arrives
 * after some text ends the call as a blocked result keeping that text; error frames are
 * classified like error bodies; a stream that ends before the template's end marker is truncated.
 */
export class StreamInterpreter {
  private text = '';
  private reasoning = '';
  private finishRaw: string | undefined;
  private usage: UsageV1 = {};
  private requestId: string | undefined;
  private servedModel: ServedModelV1 | undefined;
  private lastBody: unknown;
  private frames = 0;
  /** True once the template's end marker was seen. */
  done = false;
  private readonly spec: StreamSpec;

  /** `failedStatus`: the HTTP status of a stream that was refused as a whole (frames without their own status get it). */
  constructor(
    private readonly context: InterpretContext,
    private readonly failedStatus?: number,
  ) {
    this.spec = context.template.stream as StreamSpec;
    this.requestId = readRequestId(undefined, context.headers, this.spec.requestId);
  }

  /** Feeds one frame. Returns a blocked result to stop on, `stop` after the sentinel, or undefined to go on. */
  push(frame: StreamFrame): BlockedResultV1 | 'stop' | undefined {
    const { template } = this.context;
    this.frames++;
    if (this.spec.done.sentinel !== undefined && frame.data.trim() === this.spec.done.sentinel) {
      this.done = true;
      return 'stop';
    }
    const parsed = safeParseJson(frame.data, {
      context: `${template.label} stream frame ${this.frames}`,
      secrets: this.context.secrets,
    });
    if (!parsed.success) {
      return fail(
        this.context,
        new InvalidResponseError({
          message: `${parsed.error.message}. Frame: ${parsed.error.snippet}`,
          body: redactBody(frame.data, this.context.secrets),
          warnings: this.context.warnings,
        }),
      );
    }
    const body = parsed.value;
    const subject: Subject = { status: frame.status ?? this.failedStatus, body, event: frame.event };
    const errorFrame =
      (frame.event !== undefined && (this.spec.errorEvents ?? []).includes(frame.event)) ||
      isErrorBody(template, subject);
    if (!errorFrame) this.absorb(body);
    const match = findBlock(template, subject, errorFrame ? 'error' : 'response');
    if (match?.effect === 'block') {
      return blocked(
        match,
        {
          partialText: this.text,
          usage: { ...this.usage, ...readUsage(body, this.spec.usage) },
          requestId: this.requestId ?? readRequestId(body, undefined, errorIds(template)),
          raw: body,
          finishRaw: this.finishRaw,
          servedModel: readServedModel(body, this.spec.servedModel) ?? this.servedModel,
        },
        this.context,
      );
    }
    if (match?.effect === 'flag') addFlag(this.context, match);
    if (errorFrame) {
      const partial = this.text === '' ? '' : ` after ${this.text.length} characters of text`;
      const error = classifyFailure(template, subject, { ...this.context, raw: frame.data, requestId: this.requestId });
      if (partial !== '') error.message += ` (error frame${partial})`;
      return fail(this.context, error);
    }
    if (this.spec.done.when !== undefined && matches(this.spec.done.when, subject)) this.done = true;
    return undefined;
  }

  private absorb(body: unknown): void {
    const { template } = this.context;
    const cumulative = this.spec.accumulate === 'cumulative';
    const piece = readText(body, this.spec.text);
    this.text = cumulative ? takeCumulative(this.text, piece) : appendDelta(this.text, piece);
    const full = readText(body, this.spec.fullText);
    if (full !== undefined) this.text = full;
    const thought = readText(body, this.spec.reasoning);
    this.reasoning = cumulative ? takeCumulative(this.reasoning, thought) : appendDelta(this.reasoning, thought);
    this.finishRaw = readFinishRaw(template, body, this.spec.finishReason) ?? this.finishRaw;
    this.usage = { ...this.usage, ...readUsage(body, this.spec.usage) };
    this.requestId ??= readRequestId(body, undefined, this.spec.requestId);
    this.servedModel = readServedModel(body, this.spec.servedModel) ?? this.servedModel;
    this.lastBody = body;
  }

  /** The answer once the stream has ended; a stream without its end marker is truncated. */
  finish(): CompletedResultV1 {
    const { template } = this.context;
    if (!this.done) {
      return fail(
        this.context,
        new TransientError({
          message: `${template.label} stream ended before its end marker (template.stream.done) after ${this.frames} frame(s) and ${this.text.length} characters: the answer was cut off.`,
          warnings: this.context.warnings,
          ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
        }),
      );
    }
    const result: CompletedResultV1 = {
      type: 'completed',
      text: this.text,
      finishReason: mapFinishReason(template, this.finishRaw),
      usage: this.usage,
      warnings: this.context.warnings,
      raw: redactRaw(this.lastBody, this.context.secrets),
    };
    if (this.reasoning !== '') result.reasoningText = this.reasoning;
    if (this.requestId !== undefined) result.requestId = this.requestId;
    if (this.servedModel !== undefined) result.servedModel = this.servedModel;
    return result;
  }
}
