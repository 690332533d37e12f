/** A body stream as the helpers accept it: a WHATWG `ReadableStream` (fetch) or any async iterable (Node streams). */
export type ByteStream =
  | ReadableStream<Uint8Array | string>
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array | string> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { getReader?: unknown }).getReader === 'function'
  );
}

/**
 * Iterates the chunks of a stream. For a `ReadableStream` the reader is cancelled when the consumer
 * stops early, so an abandoned HTTP response does not keep its connection open.
 */
export async function* readChunks(stream: ByteStream): AsyncGenerator<Uint8Array | string, void, undefined> {
  if (!isReadableStream(stream)) {
    yield* stream as AsyncIterable<Uint8Array | string>;
    return;
  }
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
