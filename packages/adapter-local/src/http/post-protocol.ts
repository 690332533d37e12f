import type { GenerateRequestV1, GenerateResultV1 } from '@sc-safety/spec';
import type { ServerProtocol } from '../local-server-model.js';
import { classifyHttpError } from './classify-http-error.js';
import type { ErrorHints } from './classify-http-error.js';
import type { LocalHttpClient } from './http-client.js';
import type { ReadAnswerOptions } from './read-answer-options.js';

/** Reads one answer from a 2xx response. */
export type ReadAnswer = (response: Response, options: ReadAnswerOptions) => Promise<GenerateResultV1>;

/** The server a protocol talks to, how its errors are worded, and whether answers are streamed. */
export interface ProtocolTarget {
  client: LocalHttpClient;
  label: string;
  hints: ErrorHints;
  stream: boolean;
}

export interface PostProtocolOptions extends ProtocolTarget {
  /** The route, e.g. `/api/chat`. */
  path: string;
  /** The JSON body of one call. */
  body: (request: GenerateRequestV1) => unknown;
  /** Reads a whole (non-streamed) answer. */
  readWhole: ReadAnswer;
  /** Reads a streamed answer. */
  readStream: ReadAnswer;
}

/**
 * The one way a local server is asked for an answer: POST the body with the call's headers, turn a
 * non-2xx answer into a classified spec error (the target's hints word it), else read the answer
 * streamed or whole. Only the route, the body and the readers differ between servers.
 */
export function postProtocol(options: PostProtocolOptions): ServerProtocol {
  const { client, label, hints, stream } = options;
  return {
    async generate(request, signal, warnings): Promise<GenerateResultV1> {
      const response = await client.post(options.path, options.body(request), signal, request.headers);
      const readOptions: ReadAnswerOptions = { label, secrets: client.secrets, hints, warnings };
      if (!response.ok) {
        throw classifyHttpError(
          { status: response.status, headers: response.headers, bodyText: await response.text() },
          readOptions,
        );
      }
      return stream ? options.readStream(response, readOptions) : options.readWhole(response, readOptions);
    },
  };
}
