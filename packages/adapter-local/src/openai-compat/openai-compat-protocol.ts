import type { GenerateRequestV1, GenerateResultV1, WarningV1 } from '@sc-safety/spec';
import { classifyHttpError } from '../http/classify-http-error.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import type { LocalHttpClient } from '../http/http-client.js';
import type { ServerProtocol } from '../local-server-model.js';
import { chatBody } from './chat-body.js';
import { readChatCompletion, readChatStream } from './read-chat-answer.js';

export interface OpenAICompatProtocolOptions {
  client: LocalHttpClient;
  label: string;
  /** The model name to send; a function because llama.cpp learns it from `/props` in `check()`. */
  model: () => string;
  stream: boolean;
  hints: ErrorHints;
}

/** `POST /v1/chat/completions` on vLLM, LM Studio or llama-server, streamed or not. */
export function openAICompatProtocol(options: OpenAICompatProtocolOptions): ServerProtocol {
  const { client, label, stream, hints } = options;
  return {
    async generate(request: GenerateRequestV1, signal: AbortSignal, warnings: WarningV1[]): Promise<GenerateResultV1> {
      const response = await client.post(
        '/v1/chat/completions',
        chatBody(options.model(), request, stream),
        signal,
        request.headers,
      );
      const readOptions = { label, secrets: client.secrets, hints, warnings };
      if (!response.ok) {
        throw classifyHttpError(
          { status: response.status, headers: response.headers, bodyText: await response.text() },
          readOptions,
        );
      }
      return stream ? readChatStream(response, readOptions) : readChatCompletion(response, readOptions);
    },
  };
}
