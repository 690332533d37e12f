import { callSignal, redactBody, safeParseJson, settleCall } from '@sc-safety/adapter-utils';
import { InvalidResponseError } from '@sc-safety/spec';
import type {
  GenerateRequestV1,
  GenerateResultV1,
  LanguageModelV1,
  ModelCapabilitiesV1,
  WarningV1,
} from '@sc-safety/spec';
import OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { captureFetchOptions, capturingFetch } from './capture-fetch.js';
import type { FetchCapture } from './capture-fetch.js';
import { DEFAULT_TIMEOUT_MS } from './config.js';
import type { OpenAIAdapterConfig } from './config.js';
import { fromEvidence, handleFailure } from './handle-failure.js';
import { interpretAnswer } from './interpret-answer.js';
import { isRecord } from '@sc-safety/adapter-utils';
import { mapRequest } from './map-request.js';
import type { OpenAIPreset } from './presets/types.js';
import { readRequestId } from './request-id.js';
import { StreamAccumulator } from './stream-accumulator.js';

/** Everything a model needs, resolved from the config by the adapter. */
export interface OpenAIChatModelSettings {
  config: OpenAIAdapterConfig;
  preset: OpenAIPreset;
  baseURL: string;
  /** Undefined for a local server run without a key: no Authorization header is sent. */
  apiKey: string | undefined;
  fetch: typeof globalThis.fetch;
  /**
   * Whether `fetch` reads a JSON body whole before it resolves (adapter-utils' undici fetch does):
   * the SDK's timeout, which ends when fetch resolves, then covers the whole answer of a call that
   * is not streamed, and no second deadline is needed for it.
   */
  fetchReadsWholeJson?: boolean;
}

type SdkFetchOptions = NonNullable<NonNullable<Parameters<OpenAI['chat']['completions']['create']>[1]>['fetchOptions']>;

/** The SDK request options of one call. */
interface CallOptions {
  signal: AbortSignal | undefined;
  headers: Record<string, string | null> | undefined;
  fetchOptions: SdkFetchOptions;
}

/** Per-call state shared by the success and failure paths. */
interface CallState {
  capture: FetchCapture;
  warnings: WarningV1[];
  /** Whether the whole-answer deadline fired. */
  deadline: { readonly timedOut: boolean };
  callerSignal: AbortSignal | undefined;
  stream?: StreamAccumulator;
}

/**
 * A chat model behind the OpenAI Chat Completions protocol, on the official SDK with its retries
 * off (the engine owns retries). Vendor differences come from the preset: base URL, key variable,
 * clamps, seed support and the block rules that turn moderation signals into blocked outcomes.
 */
export class OpenAIChatModel implements LanguageModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilitiesV1;
  private readonly client: OpenAI;
  private readonly settings: OpenAIChatModelSettings;
  private readonly secrets: readonly string[];

  constructor(settings: OpenAIChatModelSettings) {
    const { config, preset } = settings;
    this.settings = settings;
    this.provider = preset.name === 'openai' ? 'openai' : `openai.${preset.name}`;
    this.modelId = config.model;
    this.secrets = settings.apiKey === undefined ? [] : [settings.apiKey];
    this.capabilities = {
      systemRole: 'native',
      multiTurn: true,
      seed: preset.supportsSeed,
      streaming: config.stream === true,
      // Every OpenAI-compatible answer names its model (`model`; `system_fingerprint` where sent).
      reportsServedModel: true,
      moderationSignals: [...new Set(preset.blocks.map((rule) => rule.signal))],
    };
    this.client = new OpenAI({
      // The SDK insists on a key; a keyless local server gets a placeholder and no Authorization header.
      apiKey: settings.apiKey ?? 'no-key',
      baseURL: settings.baseURL,
      // Explicit nulls keep OPENAI_ORG_ID / OPENAI_PROJECT_ID from leaking into other vendors' calls.
      organization: config.organization ?? null,
      project: config.project ?? null,
      maxRetries: 0,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetch: capturingFetch(settings.fetch),
      logLevel: 'off',
      defaultHeaders: { ...(settings.apiKey === undefined ? { Authorization: null } : {}), ...config.headers },
    });
  }

  async generate(request: GenerateRequestV1): Promise<GenerateResultV1> {
    const { config, preset } = this.settings;
    const stream = config.stream === true;
    const { body, warnings } = mapRequest({
      model: config.model,
      messages: request.messages,
      params: request.params,
      preset,
      maxTokensParam: config.maxTokensParam ?? preset.maxTokensParam,
      stream,
      extraBody: config.extraBody,
    });
    // One deadline for the whole answer: the SDK's own timeout stops once headers arrive. A plain
    // per-call signal (see callSignal), not AbortSignal.any/timeout: the SDK never removes its
    // abort listener, and Node would keep such signals, and the call with them, in memory.
    // Not needed when the SDK's timeout already spans the answer (see fetchReadsWholeJson): one
    // controller, listener and timer fewer per call.
    const deadline =
      stream || this.settings.fetchReadsWholeJson !== true
        ? callSignal(request.signal, config.timeoutMs ?? DEFAULT_TIMEOUT_MS)
        : NO_DEADLINE;
    const signal = deadline === NO_DEADLINE ? request.signal : deadline.signal;
    const capture: FetchCapture = {};
    const headers = requestHeaders(request.headers);
    const state: CallState = { capture, warnings, deadline, callerSignal: request.signal };
    const options: CallOptions = { signal, headers, fetchOptions: captureFetchOptions(capture) as SdkFetchOptions };
    return settleCall(
      deadline,
      () => (stream ? this.generateStreamed(body, options, state) : this.generateWhole(body, options, state)),
      (error) =>
        handleFailure(error, {
          preset,
          secrets: this.secrets,
          warnings,
          capture,
          timedOut: deadline.timedOut,
          callerAborted: request.signal?.aborted === true,
          ...(state.stream !== undefined && state.stream.text !== '' ? { partialText: state.stream.text } : {}),
        }),
    );
  }

  private async generateWhole(
    body: Record<string, unknown>,
    options: CallOptions,
    state: CallState,
  ): Promise<GenerateResultV1> {
    // asResponse: the adapter parses the body itself, so vendor fields and malformed JSON are both seen as sent.
    const response = await this.client.chat.completions
      .create(body as unknown as ChatCompletionCreateParamsNonStreaming, options)
      .asResponse();
    const text = await response.text();
    const parsed = safeParseJson(text, { context: `${this.settings.preset.label} response`, secrets: this.secrets });
    if (!parsed.success) {
      throw new InvalidResponseError({
        message: parsed.error.message,
        status: response.status,
        body: redactBody(text, this.secrets),
        warnings: state.warnings,
        ...optional('requestId', readRequestId(response.headers, undefined)),
      });
    }
    return this.readAnswer(parsed.value, response, text, state);
  }

  private async generateStreamed(
    body: Record<string, unknown>,
    options: CallOptions,
    state: CallState,
  ): Promise<GenerateResultV1> {
    const { data: stream, response } = await this.client.chat.completions
      .create(body as unknown as ChatCompletionCreateParamsStreaming, options)
      .withResponse();
    const accumulator = new StreamAccumulator();
    state.stream = accumulator;
    for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) accumulator.add(chunk);
    // The SDK ends iteration quietly on abort; an answer cut short must not pass as complete.
    if (state.deadline.timedOut || state.callerSignal?.aborted === true) throw new Error('aborted');
    const assembled = accumulator.toBody();
    if (accumulator.finishReason === undefined) {
      const answer = this.readAnswer(assembled, response, undefined, state, accumulator.terminalChunk);
      // A refusal or flag can still be decided on what arrived; otherwise the stream was cut off.
      if (answer.type === 'blocked') return answer;
      throw new StreamCutError(accumulator);
    }
    return this.readAnswer(assembled, response, undefined, state, accumulator.terminalChunk);
  }

  private readAnswer(
    body: unknown,
    response: Response,
    text: string | undefined,
    state: CallState,
    raw?: unknown,
  ): GenerateResultV1 {
    const { preset } = this.settings;
    if (isRecord(body) && isRecord(body.error)) {
      // Some gateways answer 200 with an error envelope.
      const outcome = fromEvidence(
        { status: response.status, headers: response.headers, body, bodyText: text ?? JSON.stringify(body) },
        {
          preset,
          secrets: this.secrets,
          warnings: state.warnings,
          capture: state.capture,
          timedOut: false,
          callerAborted: false,
        },
      );
      if (outcome instanceof Error) throw outcome;
      return outcome;
    }
    if (!isRecord(body) || !Array.isArray(body.choices) || body.choices.length === 0) {
      throw new InvalidResponseError({
        message: `${preset.label}: the answer has no choices.`,
        status: response.status,
        body: redactBody(text ?? body, this.secrets),
        warnings: state.warnings,
      });
    }
    return interpretAnswer(body, {
      preset,
      warnings: state.warnings,
      requestId: readRequestId(response.headers, body),
      raw: raw ?? body,
    });
  }
}

/** Stands in for a per-call deadline when the SDK's own timeout covers the call. */
const NO_DEADLINE = { signal: undefined, timedOut: false, dispose() {} } as const;

/** A stream that ended without a finish reason: the connection was cut, worth retrying. */
class StreamCutError extends Error {
  constructor(readonly accumulator: StreamAccumulator) {
    super(`the stream ended after ${accumulator.chunkCount} chunks without a finish reason`);
  }
}

function requestHeaders(
  headers: Record<string, string | undefined> | undefined,
): Record<string, string | null> | undefined {
  if (headers === undefined) return undefined;
  // The SDK removes a header given as null; the contract says undefined removes one.
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value ?? null]));
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
