import { getPath, scalarString } from '@sc-safety/adapter-utils';

/**
 * Where OpenAI-compatible servers put an error's message: the OpenAI envelope's `error.message`,
 * else a top-level `message` (vLLM, llama.cpp) or `detail` (FastAPI servers such as DeepSeek's).
 */
export const ERROR_MESSAGE_PATHS: readonly string[] = ['error.message', 'message', 'detail'];

/** The vendor's error message: `error.message`, else a top-level `message` or `detail` string. */
export function errorMessageOf(body: unknown): string | undefined {
  for (const path of ERROR_MESSAGE_PATHS) {
    const value = getPath(body, path);
    if (typeof value === 'string') return value;
  }
  return typeof body === 'string' ? body : undefined;
}

/** The vendor's error code: `error.code`, else `error.type`, else a top-level `code`. */
export function errorCodeOf(body: unknown): string | undefined {
  return (
    scalarString(getPath(body, 'error.code')) ??
    scalarString(getPath(body, 'error.type')) ??
    scalarString(getPath(body, 'code'))
  );
}
