import { InvalidRequestError } from '@sc-safety/spec';
import type * as NodeLlamaCppModule from 'node-llama-cpp';

/** The node-llama-cpp version this adapter is built and tested against. */
export const NODE_LLAMA_CPP_VERSION = '3.21.1';

/** The node-llama-cpp module, typed from the optional dependency. */
export type NodeLlamaCpp = typeof NodeLlamaCppModule;

/**
 * Imports node-llama-cpp only when a gguf model is used, so the other targets work without the
 * optional dependency (and without loading a native addon). A missing package gets install advice.
 */
export async function loadNodeLlamaCpp(
  importer: () => Promise<unknown> = () => import('node-llama-cpp'),
): Promise<NodeLlamaCpp> {
  try {
    return (await importer()) as NodeLlamaCpp;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    throw new InvalidRequestError({
      message: missing
        ? `The gguf target needs the optional dependency node-llama-cpp, which is not installed: install node-llama-cpp@${NODE_LLAMA_CPP_VERSION} (e.g. \`npm install node-llama-cpp@${NODE_LLAMA_CPP_VERSION}\`).`
        : `node-llama-cpp could not be loaded on this platform (${(error as Error).message}). Reinstall node-llama-cpp@${NODE_LLAMA_CPP_VERSION}.`,
      reason: 'other',
      cause: error,
    });
  }
}
