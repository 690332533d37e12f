import type { PromptFormat } from '../config.js';
import { postProtocol } from '../http/post-protocol.js';
import type { ProtocolTarget } from '../http/post-protocol.js';
import type { ServerProtocol } from '../local-server-model.js';
import { completionBody } from './completion-body.js';
import { readCompletion, readCompletionStream } from './read-completion.js';

export interface CompletionProtocolOptions extends ProtocolTarget {
  format: PromptFormat;
}

/** llama-server's native `POST /completion`, streamed (SSE without `[DONE]`) or not. */
export function completionProtocol(options: CompletionProtocolOptions): ServerProtocol {
  return postProtocol({
    ...options,
    path: '/completion',
    body: (request) => completionBody(request, options.format, options.stream),
    readWhole: readCompletion,
    readStream: readCompletionStream,
  });
}
