import type { NodeLlamaCpp } from '../gguf/load-node-llama-cpp.js';

/**
 * Why node-llama-cpp cannot run here, or `undefined` when it can. The gguf tests skip (naming this
 * reason) only when the native library itself cannot load on the platform; nothing is downloaded
 * or built to find out.
 */
export async function nodeLlamaCppProblem(): Promise<string | undefined> {
  let lib: NodeLlamaCpp;
  try {
    lib = await import('node-llama-cpp');
  } catch (error) {
    return `node-llama-cpp is not installed (${(error as Error).message})`;
  }
  try {
    const llama = await lib.getLlama({ build: 'never', skipDownload: true, gpu: false, progressLogs: false, logLevel: lib.LlamaLogLevel.error });
    await llama.dispose();
    return undefined;
  } catch (error) {
    return `node-llama-cpp has no usable prebuilt binary for ${process.platform}-${process.arch} (${(error as Error).message})`;
  }
}
