import { callSignal, getHeader, redactBody, safeParseJson, settleCall } from '@sc-safety/adapter-utils';
import { InvalidResponseError, TransientError } from '@sc-safety/spec';
import type {
  GenerateRequestV1,
  GenerateResultV1,
  LanguageModelV1,
  ModelCapabilitiesV1,
  WarningV1,
} from '@sc-safety/spec';
import Anthropic from '@anthropic-ai/sdk';
import type {
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages';
import type { ResolvedAnthropicConfig } from './config.js';
import { handleFailure } from './handle-failure.js';
import { interpretMessage, MODERATION_SIGNALS } from './interpret-message.js';
import { mapRequest } from './map-request.js';
import { StreamAccumulator } from './stream-accumulator.js';

/** Everything a model needs, resolved from the config by {@link createModel}. */
export interface AnthropicMessagesModelSettings {
  config: ResolvedAnthropicConfig;
  apiKey: string;
  fetch?: typeof globalThis.fetch;
}

type RequestOptions = { signal: AbortSignal | undefined; headers: Record<string, string | null> | undefined };

/**
 * A model behind the Anthropic Messages API, on the official SDK with its retries off (the engine
 * owns retries). The system prompt goes to the top-level `system`, the conversation is reshaped to
 * the API's user-first alternation (see `mapMessages`), and `stop_reason: "refusal"` and the
 * content-filtering 400 come back as blocked results.
 */
export class AnthropicMessagesModel implements LanguageModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'anthropic';
  readonly modelId: string;
  readonly capabilities: ModelCapabilitiesV1;
  private readonly client: Anthropic;
  private readonly config: ResolvedAnthropicConfig;
  private readonly secrets: readonly string[];

  constructor(settings: AnthropicMessagesModelSettings) {
    const { config } = settings;
    this.config = config;
    this.modelId = config.model;
    this.secrets = [settings.apiKey];
    this.capabilities = {
      systemRole: 'native',
      multiTurn: true,
      seed: false,
      streaming: config.stream,
      // Every Messages response names the model that answered.
      reportsServedModel: true,
      moderationSignals: [...MODERATION_SIGNALS],
    };
    this.client = new Anthropic({
      apiKey: settings.apiKey,
      ...(config.baseURL === undefined ? {} : { baseURL: config.baseURL }),
      maxRetries: 0,
      timeout: config.timeoutMs,
      ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      // The SDK would log the body of an unparseable stream event to the console.
      logLevel: 'off',
      ...(config.headers === undefined ? {} : { defaultHeaders: config.headers }),
    });
  }

  async generate(request: GenerateRequestV1): Promise<GenerateResultV1> {
    const { body, warnings } = mapRequest({
      model: this.config.model,
      request,
      defaultMaxTokens: this.config.maxTokens,
      stream: this.config.stream,
    });
    // One deadline for the whole answer: the SDK's own timeout stops counting once headers arrive.
    // A per-call signal released when the call ends (see callSignal: composites leak per call).
    const call = callSignal(request.signal, this.config.timeoutMs);
    const options: RequestOptions = { signal: call.signal, headers: requestHeaders(request.headers) };
    const accumulator = this.config.stream ? new StreamAccumulator() : undefined;
    return settleCall(
      call,
      () =>
        accumulator
          ? this.generateStreamed(body, options, warnings, accumulator, [call.signal])
          : this.generateWhole(body, options, warnings),
      (error) => {
        const partialText = accumulator?.text;
        return handleFailure(error, {
          secrets: this.secrets,
          warnings,
          timedOut: call.timedOut,
          callerAborted: request.signal?.aborted === true,
          ...(partialText === undefined || partialText === '' ? {} : { partialText }),
        });
      },
    );
  }

  private async generateWhole(
    body: Record<string, unknown>,
    options: RequestOptions,
    warnings: WarningV1[],
  ): Promise<GenerateResultV1> {
    // asResponse: the adapter parses the body itself, so a malformed body is reported as such.
    const response = await this.client.messages
      .create(body as unknown as MessageCreateParamsNonStreaming, options)
      .asResponse();
    const text = await response.text();
    const requestId = readRequestId(response.headers);
    const parsed = safeParseJson(text, { context: 'Anthropic response', secrets: this.secrets });
    if (!parsed.success) {
      throw new InvalidResponseError({
        message: parsed.error.message,
        status: response.status,
        body: redactBody(text, this.secrets),
        warnings,
        ...(requestId === undefined ? {} : { requestId }),
      });
    }
    const message = parsed.value;
    if (
      typeof message !== 'object' ||
      message === null ||
      !Array.isArray((message as Record<string, unknown>).content)
    ) {
      throw new InvalidResponseError({
        message: 'Anthropic: the response is not a message (no content array).',
        status: response.status,
        body: redactBody(text, this.secrets),
        warnings,
        ...(requestId === undefined ? {} : { requestId }),
      });
    }
    return interpretMessage(message as Record<string, unknown>, {
      requestId,
      warnings,
      raw: message,
      secrets: this.secrets,
    });
  }

  private async generateStreamed(
    body: Record<string, unknown>,
    options: RequestOptions,
    warnings: WarningV1[],
    accumulator: StreamAccumulator,
    signals: Array<AbortSignal | undefined>,
  ): Promise<GenerateResultV1> {
    const { data: stream, response } = await this.client.messages
      .create(body as unknown as MessageCreateParamsStreaming, options)
      .withResponse();
    for await (const event of stream as AsyncIterable<RawMessageStreamEvent>) accumulator.add(event);
    // The SDK ends iteration quietly on abort; an answer cut short must not pass as complete.
    if (signals.some((s) => s?.aborted === true)) throw new Error('aborted');
    const requestId = readRequestId(response.headers);
    const message = accumulator.toMessage();
    if (!accumulator.complete) {
      // A refusal decided before the cut still stands; anything else was cut off mid-answer.
      if (message.stop_reason === 'refusal')
        return interpretMessage(message, { requestId, warnings, raw: message, secrets: this.secrets });
      throw new TransientError({
        message: `Anthropic: the stream ended after ${accumulator.eventCount} events without message_stop.`,
        status: response.status,
        warnings,
        ...(requestId === undefined ? {} : { requestId }),
      });
    }
    return interpretMessage(message, { requestId, warnings, raw: message, secrets: this.secrets });
  }
}

function readRequestId(headers: Headers): string | undefined {
  const id = getHeader(headers, 'request-id');
  return id === undefined || id === '' ? undefined : id;
}

function requestHeaders(
  headers: Record<string, string | undefined> | undefined,
): Record<string, string | null> | undefined {
  if (headers === undefined) return undefined;
  // The SDK removes a header given as null; the contract says undefined removes one.
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value ?? null]));
}
