import { AbortedError, AdapterError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { GenerateRequestV1, GenerateResultV1, LanguageModelV1, UnifiedFinishReason, UsageV1, WarningV1 } from '@sc-safety/spec';
import { blockFromError, errorFields, errorFromStatus } from './reference-classify.js';
import { readSse } from './reference-stream.js';

/**
 * Deliberate defects, so tests can prove that conformance cases fail when they should.
 * The reference adapter with no flaws must pass the whole suite.
 */
export interface ReferenceFlaws {
  /** Retries a 429 once by itself (adapters must leave retries to the engine). */
  retryRateLimit?: boolean;
  /** Puts the API key in the message of the errors it throws. */
  leakKey?: boolean;
  /** Reports a context-length 400 as a vendor block. */
  contextLengthAsBlock?: boolean;
  /** Ignores Retry-After headers. */
  ignoreRetryAfter?: boolean;
  /** Knows no vendor block signal in error bodies. */
  noBlockRules?: boolean;
  /** Treats a stream that ends without a finish reason as a complete answer. */
  acceptMissingFinish?: boolean;
  /** Reports the model it asked for as the served model instead of the one the response names. */
  echoServedModel?: boolean;
}

export interface ReferenceModelOptions {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  stream: boolean;
  model?: string;
  /** Reads the served model (`model`, `system_fingerprint`) into results and declares it. */
  reportsServedModel?: boolean;
  flaws?: ReferenceFlaws;
}

const UNIFIED: Record<string, UnifiedFinishReason> = { stop: 'stop', length: 'length', tool_calls: 'tool-calls', content_filter: 'content-filter' };

/** A small OpenAI-family adapter on plain fetch: the proof that the conformance suite can be passed. */
export function createReferenceModel(options: ReferenceModelOptions): LanguageModelV1 {
  const { apiKey, flaws = {} } = options;
  const redact = (text: string): string => (flaws.leakKey ? text : text.split(apiKey).join('[REDACTED]'));

  async function generate(request: GenerateRequestV1): Promise<GenerateResultV1> {
    const warnings: WarningV1[] = [];
    const params = request.params ?? {};
    if (params.seed !== undefined) warnings.push({ type: 'unsupported-setting', setting: 'seed', message: 'the reference adapter does not send seed' });
    const body = JSON.stringify({
      model: options.model ?? 'fake-model',
      messages: request.messages,
      ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
      ...(params.maxTokens === undefined ? {} : { max_tokens: params.maxTokens }),
      ...(options.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const send = () =>
      fetch(`${options.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...definedHeaders(request.headers) },
        body,
        signal,
      });
    try {
      let response = await send();
      if (response.status === 429 && flaws.retryRateLimit) response = await send();
      const requestId = response.headers.get('x-request-id') ?? response.headers.get('x-dashscope-request-id') ?? undefined;
      if (!response.ok) return await failed(response, requestId, warnings);
      const result = options.stream && response.body ? await streamed(response.body, requestId, warnings) : whole(parse(await response.text(), requestId), requestId, warnings);
      return options.reportsServedModel ? withServed(result) : result;
    } catch (error) {
      if (request.signal?.aborted) throw new AbortedError({ message: 'aborted by the caller', cause: error });
      if (timeout.signal.aborted) throw new TimeoutError({ message: `no answer within ${options.timeoutMs} ms` });
      if (AdapterError.isInstance(error)) throw error;
      throw new TransientError({ message: `network error: ${redact(describe(error))}` });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The served model from the body (or a stream's last frame, which repeats the envelope). */
  function withServed(result: GenerateResultV1): GenerateResultV1 {
    if (flaws.echoServedModel) return { ...result, servedModel: { id: options.model ?? 'fake-model' } };
    const raw = (result.raw ?? {}) as Record<string, unknown>;
    const id = typeof raw.model === 'string' ? raw.model : undefined;
    const fingerprint = typeof raw.system_fingerprint === 'string' ? raw.system_fingerprint : undefined;
    if (id === undefined && fingerprint === undefined) return result;
    return { ...result, servedModel: { ...(id === undefined ? {} : { id }), ...(fingerprint === undefined ? {} : { fingerprint }) } };
  }

  async function failed(response: Response, requestId: string | undefined, warnings: WarningV1[]): Promise<GenerateResultV1> {
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const fields = errorFields(parsed, `HTTP ${response.status}`);
    const block = flaws.noBlockRules ? undefined : blockFromError(fields);
    if (block) return { ...block, requestId, warnings, raw: parsed };
    const headers = flaws.ignoreRetryAfter ? new Headers() : response.headers;
    const error = errorFromStatus(response.status, headers, fields, redact(text), requestId);
    if (flaws.contextLengthAsBlock && error.kind === 'invalid_request') return { type: 'blocked', stage: 'input', code: 'context', message: fields.message, warnings };
    if (flaws.leakKey) throw new TransientError({ message: `${error.message} (key ${apiKey})`, status: error.status });
    throw error;
  }

  async function streamed(stream: ReadableStream<Uint8Array>, requestId: string | undefined, warnings: WarningV1[]): Promise<GenerateResultV1> {
    let content = '';
    let refusal = '';
    let finish: string | undefined;
    let extras: Record<string, unknown> = {};
    let usage: unknown;
    let last: unknown;
    for await (const event of readSse(stream)) {
      if (event.done) break;
      const frame = parse(event.data, requestId) as Record<string, unknown>;
      last = frame;
      if (frame.error !== undefined) {
        const fields = errorFields(frame, 'error in stream');
        const block = blockFromError(fields);
        if (block) return { ...block, partialText: content || undefined, requestId, warnings, raw: frame };
        throw new TransientError({ message: `error in stream: ${fields.message}`, vendorCode: fields.code, requestId });
      }
      if (frame.usage) usage = frame.usage;
      const choice = (frame.choices as Array<Record<string, unknown>> | undefined)?.[0];
      if (!choice) continue;
      const delta = (choice.delta ?? {}) as Record<string, unknown>;
      if (typeof delta.content === 'string') content += delta.content;
      if (typeof delta.refusal === 'string') refusal += delta.refusal;
      if (typeof choice.finish_reason === 'string') {
        finish = choice.finish_reason;
        extras = choice;
      }
    }
    if (finish === undefined && !flaws.acceptMissingFinish) throw new TransientError({ message: 'the stream ended before a finish reason', requestId });
    return interpret({ content, refusal, finish: finish ?? 'stop', extras, usage, requestId, warnings, raw: last });
  }

  function whole(parsed: unknown, requestId: string | undefined, warnings: WarningV1[]): GenerateResultV1 {
    const body = parsed as Record<string, unknown>;
    const choice = (body.choices as Array<Record<string, unknown>> | undefined)?.[0];
    const message = choice?.message as Record<string, unknown> | undefined;
    if (!choice || !message) throw new InvalidResponseError({ message: 'no choices[0].message in the response', requestId });
    const id = requestId ?? (typeof body.request_id === 'string' ? body.request_id : undefined);
    return interpret({
      content: typeof message.content === 'string' ? message.content : '',
      refusal: typeof message.refusal === 'string' ? message.refusal : '',
      finish: String(choice.finish_reason),
      extras: choice,
      usage: body.usage,
      requestId: id,
      warnings,
      raw: parsed,
    });
  }

  function parse(text: string, requestId: string | undefined): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new InvalidResponseError({ message: `response is not JSON: ${describe(error)}`, body: redact(text.slice(0, 200)), requestId });
    }
  }

  return {
    specificationVersion: 'v1',
    provider: 'reference.openai',
    modelId: options.model ?? 'fake-model',
    capabilities: {
      systemRole: 'native',
      multiTurn: true,
      seed: false,
      streaming: options.stream,
      ...(options.reportsServedModel ? { reportsServedModel: true } : {}),
      moderationSignals: ['finish_reason=content_filter', 'finish_reason=sensitive', 'message.refusal', 'error.code=invalid_prompt', 'error.code=data_inspection_failed', 'error.code=1301'],
    },
    generate,
  };
}

interface Final {
  content: string;
  refusal: string;
  finish: string;
  extras: Record<string, unknown>;
  usage: unknown;
  requestId: string | undefined;
  warnings: WarningV1[];
  raw: unknown;
}

function interpret(f: Final): GenerateResultV1 {
  const finishReason = { unified: UNIFIED[f.finish] ?? 'other', raw: f.finish };
  const usage = usageOf(f.usage);
  if (f.refusal !== '') return { type: 'blocked', stage: 'output', code: 'refusal', message: f.refusal, finishReason, usage, requestId: f.requestId, warnings: f.warnings, raw: f.raw };
  const flag = typeof f.extras.flag === 'number' ? f.extras.flag : 0;
  if (f.finish === 'content_filter' || f.finish === 'sensitive' || flag >= 2) {
    const details = flag > 0 ? { flag, ban_round: typeof f.extras.ban_round === 'number' ? f.extras.ban_round : null } : undefined;
    return {
      type: 'blocked',
      stage: 'output',
      code: f.finish,
      message: `finish_reason=${f.finish}`,
      ...(f.content === '' ? {} : { partialText: f.content }),
      ...(details ? { details } : {}),
      finishReason,
      usage,
      requestId: f.requestId,
      warnings: f.warnings,
      raw: f.raw,
    };
  }
  return { type: 'completed', text: f.content, finishReason, usage, requestId: f.requestId, warnings: f.warnings, raw: f.raw };
}

function usageOf(raw: unknown): UsageV1 {
  const u = (raw ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { inputTokens: num(u.prompt_tokens), outputTokens: num(u.completion_tokens), totalTokens: num(u.total_tokens) };
}

function definedHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
