import type { GenerateRequestV1, GenerateResultV1, WarningV1 } from '@sc-safety/spec';
import type { PromptFormat } from '../config.js';
import { classifyHttpError } from '../http/classify-http-error.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import type { LocalHttpClient } from '../http/http-client.js';
import type { ServerProtocol } from '../local-server-model.js';
import { completionBody } from './completion-body.js';
import { readCompletion, readCompletionStream } from './read-completion.js';

export interface CompletionProtocolOptions {
  client: LocalHttpClient;
  label: string;
  format: PromptFormat;
  stream: boolean;
  hints: ErrorHints;
}

/** llama-server's native `POST /completion`, streamed (SSE without `[DONE]`) or not. */
export function completionProtocol(options: CompletionProtocolOptions): ServerProtocol {
  const { client, label, format, stream, hints } = options;
  return {
    async generate(request: GenerateRequestV1, signal: AbortSignal, warnings: WarningV1[]): Promise<GenerateResultV1> {
      const response = await client.post(
        '/completion',
        completionBody(request, format, stream),
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
      return stream ? readCompletionStream(response, readOptions) : readCompletion(response, readOptions);
    },
  };
}
