import { callSignal, combineHeaders, normalizeHeaders } from '@sc-safety/adapter-utils';
import type { CallSignal } from '@sc-safety/adapter-utils';
import type {
  AdapterError,
  GenerateRequestV1,
  GenerateResultV1,
  LanguageModelV1,
  ModelCapabilitiesV1,
  WarningV1,
} from '@sc-safety/spec';
import { request as undiciRequest } from 'undici';
import type { Agent } from 'undici';
import { sentCredentials } from './auth/sent-credentials.js';
import type { AuthPlugin, OutgoingRequest } from './auth/types.js';
import type { HttpAdapterConfig } from './config.js';
import { interpretBody, StreamInterpreter } from './interpret.js';
import type { InterpretContext } from './interpret.js';
import { setPath } from '@sc-safety/adapter-utils';
import { mapRequest } from './map-request.js';
import { readFrames } from './stream/read-frames.js';
import type { HttpTemplate } from './template/types.js';
import { createDispatcher } from './transport/create-dispatcher.js';
import { networkFailure } from './transport/network-error.js';
import { openWebSocket } from './transport/ws-client.js';

/** Everything a model needs, resolved from the config by the adapter. */
export interface HttpModelSettings {
  template: HttpTemplate;
  config: HttpAdapterConfig;
  auth: AuthPlugin;
  /** The base URL in use (config over template). */
  baseURL: string;
  timeoutMs: number;
  stream: boolean;
}

/** Per-call state shared by the success and failure paths. */
interface Call {
  warnings: WarningV1[];
  /** The caller's signal and the deadline, released when the call ends. */
  scope: CallSignal;
  signal: AbortSignal;
  callerSignal: AbortSignal | undefined;
  /** The plugin's secrets, plus the credentials this call sent once it is authorised. */
  secrets: readonly string[];
}

/**
 * A chat model behind a declarative HTTP (or WebSocket) vendor template, on undici with pooled
 * keep-alive connections. The template says where everything goes; this class only moves bytes,
 * enforces the deadline and hands bodies and frames to the interpreter. It never retries.
 */
export class HttpModel implements LanguageModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilitiesV1;
  private readonly dispatcher: Agent;
  private readonly settings: HttpModelSettings;

  constructor(settings: HttpModelSettings) {
    const { template, config } = settings;
    this.settings = settings;
    this.provider = `http.${template.name}`;
    this.modelId = config.model;
    this.dispatcher = createDispatcher(settings.timeoutMs);
    this.capabilities = {
      systemRole:
        template.request.system === 'merge' ? 'merged' : template.request.system === 'drop' ? 'unsupported' : 'native',
      multiTurn: template.capabilities?.multiTurn ?? true,
      seed: template.request.params?.seed !== undefined,
      streaming: settings.stream,
      // Declared only when the template says where the vendor names the model for this mode.
      reportsServedModel:
        (settings.stream ? template.stream?.servedModel : template.response.servedModel) !== undefined,
      moderationSignals: [...new Set((template.blocks ?? []).map((rule) => rule.signal))],
      ...(template.capabilities?.maxContextTokens === undefined
        ? {}
        : { maxContextTokens: template.capabilities.maxContextTokens }),
    };
  }

  async generate(request: GenerateRequestV1): Promise<GenerateResultV1> {
    const { template, config, stream, auth } = this.settings;
    // A per-call signal released when the call ends: an AbortSignal.any composite per call would
    // stay tied to a long-lived caller signal (see callSignal).
    const scope = callSignal(request.signal, this.settings.timeoutMs);
    const call: Call = {
      warnings: [],
      scope,
      signal: scope.signal,
      callerSignal: request.signal,
      secrets: auth.secrets,
    };
    const modelPath = template.endpoint.modelPaths?.[config.model] ?? config.model;
    const vars = { model: config.model, modelPath, ...auth.vars };
    const mapped = mapRequest({
      template,
      model: config.model,
      messages: request.messages,
      params: request.params,
      stream,
      vars,
    });
    call.warnings.push(...mapped.warnings);
    for (const [path, value] of Object.entries(config.extraBody ?? {})) setPath(mapped.body, path, value);
    const outgoing: OutgoingRequest = {
      url: this.buildUrl(modelPath),
      method: template.stream?.format === 'ws' ? 'GET' : 'POST',
      headers: combineHeaders(
        { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
        template.headers,
        stream ? template.request.stream?.headers : undefined,
        config.headers,
        request.headers,
      ),
      body: JSON.stringify(mapped.body),
    };
    try {
      call.signal.throwIfAborted();
      await auth.authorize(outgoing, { signal: call.signal, dispatcher: this.dispatcher });
      call.secrets = [...auth.secrets, ...sentCredentials(outgoing)];
      if (template.stream?.format === 'ws') return await this.generateOverWebSocket(outgoing, call);
      return await this.generateOverHttp(outgoing, call);
    } catch (error) {
      const failure = networkFailure(error, this.failureContext(call, 'before the answer arrived'));
      if (failure !== error) auth.onFailure?.(failure);
      throw failure;
    } finally {
      scope.dispose();
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async generateOverHttp(outgoing: OutgoingRequest, call: Call): Promise<GenerateResultV1> {
    const response = await undiciRequest(outgoing.url, {
      dispatcher: this.dispatcher,
      method: 'POST',
      headers: outgoing.headers,
      body: outgoing.body,
      signal: call.signal,
    });
    const headers = normalizeHeaders(response.headers as Record<string, string | string[] | undefined>);
    const context = this.interpretContext(call, headers);
    const contentType = headers['content-type'] ?? '';
    // A stream request may still get a plain JSON error (Qianfan), and an error may come framed as a stream (DashScope).
    const framed = /text\/event-stream|ndjson/i.test(contentType);
    const streamed =
      this.settings.stream && (framed || (response.statusCode < 400 && !/^application\/json\b/i.test(contentType)));
    try {
      if (!streamed) return interpretBody(context, response.statusCode, await response.body.text());
      const interpreter = new StreamInterpreter(context, response.statusCode >= 400 ? response.statusCode : undefined);
      for await (const frame of readFrames(response.body, this.settings.template.stream!)) {
        const outcome = interpreter.push(frame);
        if (outcome === 'stop') break;
        if (outcome !== undefined) return outcome;
      }
      return interpreter.finish();
    } catch (error) {
      throw networkFailure(error, this.failureContext(call, 'while reading the answer'));
    } finally {
      // Frees the connection when the answer was left unread (a block mid-stream, the sentinel).
      if (!response.body.readableEnded) response.body.destroy();
    }
  }

  private async generateOverWebSocket(outgoing: OutgoingRequest, call: Call): Promise<GenerateResultV1> {
    const opened = await openWebSocket(outgoing.url, { headers: outgoing.headers, signal: call.signal });
    if (opened.kind === 'response') {
      return interpretBody(this.interpretContext(call, opened.headers), opened.status, opened.body);
    }
    const { connection } = opened;
    const context = this.interpretContext(call, opened.headers);
    try {
      connection.send(outgoing.body);
      const interpreter = new StreamInterpreter(context);
      for await (const data of connection.messages()) {
        const outcome = interpreter.push({ data });
        if (outcome === 'stop') break;
        if (outcome !== undefined) return outcome;
        // One answer per connection: the last frame ends it, whatever the server does next.
        if (interpreter.done) break;
      }
      return interpreter.finish();
    } catch (error) {
      throw networkFailure(error, this.failureContext(call, 'while reading the answer'));
    } finally {
      connection.close();
    }
  }

  private buildUrl(modelPath: string): URL {
    const { template, baseURL, config } = this.settings;
    // A mapped path is the template author's (it may hold slashes); a bare model id is escaped.
    const mapped = template.endpoint.modelPaths?.[config.model] !== undefined;
    const path = template.endpoint.path
      .replaceAll('{modelPath}', mapped ? modelPath : encodeURIComponent(modelPath))
      .replaceAll('{model}', encodeURIComponent(config.model));
    const url = new URL(baseURL.replace(/\/+$/, '') + path);
    for (const [name, value] of Object.entries(template.endpoint.query ?? {})) url.searchParams.set(name, value);
    return url;
  }

  private interpretContext(call: Call, headers: Record<string, string>): InterpretContext {
    const { auth } = this.settings;
    return {
      template: this.settings.template,
      secrets: call.secrets,
      warnings: call.warnings,
      headers,
      onFailure: (error: AdapterError) => auth.onFailure?.(error),
    };
  }

  private failureContext(call: Call, phase: string) {
    return {
      label: this.settings.template.label,
      callerSignal: call.callerSignal,
      timedOut: call.scope.timedOut,
      timeoutMs: this.settings.timeoutMs,
      secrets: call.secrets,
      warnings: call.warnings,
      phase,
    };
  }
}
