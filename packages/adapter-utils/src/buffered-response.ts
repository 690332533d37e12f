/** One decoder for every body: decoding a whole buffer keeps no state between calls. */
const utf8 = new TextDecoder();

/** What `BufferedResponse` takes from `Response` as it is; the body readers it defines itself. */
type ResponseHead = Omit<
  Response,
  'body' | 'bodyUsed' | 'text' | 'json' | 'arrayBuffer' | 'blob' | 'formData' | 'clone'
>;

/**
 * `Response`, typed without its body readers: Node's types declare them as readonly properties,
 * which a subclass may not redefine as methods and accessors (it may at run time).
 */
const ResponseBase = Response as unknown as new (body: null, init: ResponseInit) => ResponseHead;

/**
 * A `Response` over a body already read whole, for a transport that reads JSON and error bodies
 * before it resolves (see `createUndiciFetch`). A `Response` built from bytes wraps them in a
 * ReadableStream (a transferable one in Node, costly to make), and `text()` then reads them back
 * out of it, work done again for every call. This
 * one keeps the bytes: `text()`, `json()` and `arrayBuffer()` read them directly, and a stream is
 * made only when someone asks for `body`, `blob()`, `formData()` or a clone of a body read as a
 * stream, by handing over to an ordinary `Response` over the same bytes.
 *
 * Everything else is the platform's `Response` (status, headers, `ok`, `instanceof Response`); a
 * body is readable once (a second read rejects with a TypeError, as `Response`'s does).
 */
export class BufferedResponse extends ResponseBase implements Response {
  /** The body, until it is read or handed over to {@link BufferedResponse.#streamed}. */
  #bytes: Uint8Array | undefined;
  /** Whether the body was read through {@link BufferedResponse.#take}. */
  #read = false;
  /** The ordinary `Response` the body was handed over to, once a stream was asked for. */
  #stream: Response | undefined;

  /** @param bytes the whole body, owned by this response from now on */
  constructor(bytes: Uint8Array, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#streamed().body as ReadableStream<Uint8Array> | null;
  }

  get bodyUsed(): boolean {
    return this.#stream ? this.#stream.bodyUsed : this.#read;
  }

  async text(): Promise<string> {
    if (this.#stream) return this.#stream.text();
    return utf8.decode(this.#take());
  }

  async json(): Promise<unknown> {
    if (this.#stream) return this.#stream.json();
    return JSON.parse(utf8.decode(this.#take())) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#stream) return this.#stream.arrayBuffer();
    const bytes = this.#take();
    // A copy: the caller may write to it, and a clone may share these bytes.
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  blob(): Promise<Blob> {
    return this.#streamed().blob();
  }

  formData(): Promise<FormData> {
    return this.#streamed().formData();
  }

  clone(): Response {
    if (this.#stream) return this.#stream.clone();
    if (this.#read) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#bytes!, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
  }

  /** The body's bytes, marking it read; throws (a rejection, in the async readers) when it was read before. */
  #take(): Uint8Array {
    if (this.#read) throw new TypeError('Body is unusable: Body has already been read');
    this.#read = true;
    const bytes = this.#bytes!;
    this.#bytes = undefined;
    return bytes;
  }

  /** The ordinary `Response` this one hands over to; a body already read stays read there. */
  #streamed(): Response {
    if (this.#stream) return this.#stream;
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    this.#stream = new Response(this.#read ? new Uint8Array(0) : this.#bytes!, init);
    this.#bytes = undefined;
    // Reading starts at once and marks the body used, as the earlier read did.
    if (this.#read) this.#stream.arrayBuffer().catch(() => {});
    return this.#stream;
  }
}
