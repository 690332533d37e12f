import { open } from 'node:fs/promises';
import { InvalidRequestError } from '@sc-safety/spec';

/** The four bytes every GGUF file starts with. */
export const GGUF_MAGIC = 'GGUF';

/**
 * Fails early, with a message a user can act on, when `modelPath` is missing, is a directory, or
 * is not a GGUF file (checked by its magic bytes, so a renamed .bin or a Git LFS pointer is caught
 * before llama.cpp gives a cryptic error).
 */
export async function assertGgufFile(modelPath: string): Promise<void> {
  let handle;
  try {
    handle = await open(modelPath, 'r');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') {
      throw new InvalidRequestError({
        message: `GGUF model file not found: ${modelPath}. Check "modelPath" (relative paths are resolved from the working directory).`,
        reason: 'model_not_found',
        cause: error,
      });
    }
    throw new InvalidRequestError({
      message: `Cannot open GGUF model file ${modelPath}: ${(error as Error).message}`,
      reason: 'model_not_found',
      cause: error,
    });
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw new InvalidRequestError({
        message: `"modelPath" is a directory, not a GGUF file: ${modelPath}.`,
        reason: 'model_not_found',
      });
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    const magic = head.subarray(0, bytesRead).toString('latin1');
    if (magic !== GGUF_MAGIC) {
      const seen = bytesRead === 0 ? 'the file is empty' : `it starts with ${JSON.stringify(magic)} instead of "GGUF"`;
      throw new InvalidRequestError({
        message: `${modelPath} is not a GGUF model file: ${seen}. The gguf target runs llama.cpp models in GGUF format (convert others with llama.cpp's convert_hf_to_gguf.py).`,
        reason: 'other',
      });
    }
  } finally {
    await handle.close();
  }
}
