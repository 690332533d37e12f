import { postProtocol } from '../http/post-protocol.js';
import type { ProtocolTarget } from '../http/post-protocol.js';
import type { ServerProtocol } from '../local-server-model.js';
import { chatBody } from './chat-body.js';
import { readChatCompletion, readChatStream } from './read-chat-answer.js';

export interface OpenAICompatProtocolOptions extends ProtocolTarget {
  /** The model name to send; a function because llama.cpp learns it from `/props` in `check()`. */
  model: () => string;
}

/** `POST /v1/chat/completions` on vLLM, LM Studio or llama-server, streamed or not. */
export function openAICompatProtocol(options: OpenAICompatProtocolOptions): ServerProtocol {
  return postProtocol({
    ...options,
    path: '/v1/chat/completions',
    body: (request) => chatBody(options.model(), request, options.stream),
    readWhole: readChatCompletion,
    readStream: readChatStream,
  });
}
