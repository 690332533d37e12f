import { writeFile } from 'node:fs/promises';

/**
 * Writes a tiny llama-architecture GGUF v3 model for tests: one transformer block with random F32
 * weights, a SentencePiece-style ("llama") vocabulary of a few hundred tokens (control tokens, all
 * 256 byte-fallback tokens, some pieces) and a Jinja chat template. A few hundred KB, made on the
 * spot, so no test ever downloads a model. It answers with garbage, but through the real engine.
 */
export interface TinyGgufOptions {
  /** Seed of the weight generator (the same seed writes the same bytes). Default 1. */
  seed?: number;
  /** Training context length written to the metadata. Default 512. */
  contextLength?: number;
  /** The `tokenizer.chat_template` to embed. Default {@link TINY_CHAT_TEMPLATE}. */
  chatTemplate?: string;
}

/**
 * A Zephyr-like template: role markers as plain text, `</s>` (the EOS token) closing each turn.
 * Simple on purpose, but it uses the usual Jinja constructs (loop, conditional, bos_token).
 */
export const TINY_CHAT_TEMPLATE =
  "{{ bos_token }}{% for message in messages %}{{ '<|' + message['role'] + '|>\n' + message['content'] + eos_token + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}";

const N_EMBD = 64;
const N_HEAD = 4;
const N_HEAD_KV = 4;
const N_FF = 128;
const ALIGNMENT = 32;

/** GGUF metadata value types (GGUF spec). */
enum ValueType {
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}

/** Token types of `tokenizer.ggml.token_type` (llama.cpp). */
enum TokenType {
  NORMAL = 1,
  UNKNOWN = 2,
  CONTROL = 3,
  BYTE = 6,
}

const GGML_TYPE_F32 = 0;

type MetaValue =
  | { type: ValueType.UINT32 | ValueType.INT32 | ValueType.FLOAT32; value: number }
  | { type: ValueType.BOOL; value: boolean }
  | { type: ValueType.STRING; value: string }
  | { type: ValueType.ARRAY; itemType: ValueType.STRING; value: string[] }
  | { type: ValueType.ARRAY; itemType: ValueType.FLOAT32 | ValueType.INT32; value: number[] };

interface Tensor {
  name: string;
  /** ggml order: the first dimension is the contiguous one. */
  dims: number[];
  data: Float32Array;
}

/** Writes the model to `path` and returns its size in bytes. */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<number> {
  const bytes = buildTinyGguf(options);
  await writeFile(path, bytes);
  return bytes.length;
}

/** The model file's bytes. */
export function buildTinyGguf(options: TinyGgufOptions = {}): Uint8Array {
  const vocab = buildVocab();
  const random = mulberry32(options.seed ?? 1);
  const nVocab = vocab.tokens.length;
  const headDim = N_EMBD / N_HEAD;
  const weights = (count: number, scale = 0.08): Float32Array => Float32Array.from({ length: count }, () => (random() * 2 - 1) * scale);
  const ones = (count: number): Float32Array => new Float32Array(count).fill(1);

  const tensors: Tensor[] = [
    { name: 'token_embd.weight', dims: [N_EMBD, nVocab], data: weights(N_EMBD * nVocab, 0.5) },
    { name: 'output_norm.weight', dims: [N_EMBD], data: ones(N_EMBD) },
    { name: 'output.weight', dims: [N_EMBD, nVocab], data: weights(N_EMBD * nVocab, 0.5) },
    { name: 'blk.0.attn_norm.weight', dims: [N_EMBD], data: ones(N_EMBD) },
    { name: 'blk.0.attn_q.weight', dims: [N_EMBD, N_EMBD], data: weights(N_EMBD * N_EMBD) },
    { name: 'blk.0.attn_k.weight', dims: [N_EMBD, headDim * N_HEAD_KV], data: weights(N_EMBD * headDim * N_HEAD_KV) },
    { name: 'blk.0.attn_v.weight', dims: [N_EMBD, headDim * N_HEAD_KV], data: weights(N_EMBD * headDim * N_HEAD_KV) },
    { name: 'blk.0.attn_output.weight', dims: [N_EMBD, N_EMBD], data: weights(N_EMBD * N_EMBD) },
    { name: 'blk.0.ffn_norm.weight', dims: [N_EMBD], data: ones(N_EMBD) },
    { name: 'blk.0.ffn_gate.weight', dims: [N_EMBD, N_FF], data: weights(N_EMBD * N_FF) },
    { name: 'blk.0.ffn_up.weight', dims: [N_EMBD, N_FF], data: weights(N_EMBD * N_FF) },
    { name: 'blk.0.ffn_down.weight', dims: [N_FF, N_EMBD], data: weights(N_FF * N_EMBD) },
  ];

  const metadata: Array<[string, MetaValue]> = [
    ['general.architecture', { type: ValueType.STRING, value: 'llama' }],
    ['general.name', { type: ValueType.STRING, value: 'sc-safety tiny test model' }],
    ['general.alignment', { type: ValueType.UINT32, value: ALIGNMENT }],
    ['general.file_type', { type: ValueType.UINT32, value: 0 }],
    ['llama.context_length', { type: ValueType.UINT32, value: options.contextLength ?? 512 }],
    ['llama.embedding_length', { type: ValueType.UINT32, value: N_EMBD }],
    ['llama.block_count', { type: ValueType.UINT32, value: 1 }],
    ['llama.feed_forward_length', { type: ValueType.UINT32, value: N_FF }],
    ['llama.attention.head_count', { type: ValueType.UINT32, value: N_HEAD }],
    ['llama.attention.head_count_kv', { type: ValueType.UINT32, value: N_HEAD_KV }],
    ['llama.rope.dimension_count', { type: ValueType.UINT32, value: headDim }],
    ['llama.rope.freq_base', { type: ValueType.FLOAT32, value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: ValueType.FLOAT32, value: 1e-5 }],
    ['llama.vocab_size', { type: ValueType.UINT32, value: nVocab }],
    ['tokenizer.ggml.model', { type: ValueType.STRING, value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: ValueType.ARRAY, itemType: ValueType.STRING, value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: ValueType.ARRAY, itemType: ValueType.FLOAT32, value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: ValueType.ARRAY, itemType: ValueType.INT32, value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: ValueType.UINT32, value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: ValueType.UINT32, value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: ValueType.UINT32, value: 2 }],
    ['tokenizer.ggml.add_bos_token', { type: ValueType.BOOL, value: true }],
    ['tokenizer.chat_template', { type: ValueType.STRING, value: options.chatTemplate ?? TINY_CHAT_TEMPLATE }],
  ];

  const out = new ByteWriter();
  out.bytes(Buffer.from('GGUF', 'latin1'));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    writeValue(out, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(GGML_TYPE_F32);
    out.u64(offset);
    offset = alignUp(offset + tensor.data.byteLength, ALIGNMENT);
  }
  out.pad(ALIGNMENT);
  for (const tensor of tensors) {
    out.bytes(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    out.pad(ALIGNMENT);
  }
  return out.toBytes();
}

type ScalarType = Exclude<MetaValue['type'], ValueType.ARRAY>;

/** How a value of each scalar type is written; an array writes its items the same way. */
const WRITE_SCALAR: Record<ScalarType, (out: ByteWriter, value: number | boolean | string) => void> = {
  [ValueType.UINT32]: (out, value) => out.u32(value as number),
  [ValueType.INT32]: (out, value) => out.i32(value as number),
  [ValueType.FLOAT32]: (out, value) => out.f32(value as number),
  [ValueType.BOOL]: (out, value) => out.u8(value === true ? 1 : 0),
  [ValueType.STRING]: (out, value) => out.string(value as string),
};

function writeValue(out: ByteWriter, meta: MetaValue): void {
  out.u32(meta.type);
  if (meta.type !== ValueType.ARRAY) {
    WRITE_SCALAR[meta.type](out, meta.value);
    return;
  }
  out.u32(meta.itemType);
  out.u64(meta.value.length);
  for (const item of meta.value) WRITE_SCALAR[meta.itemType](out, item);
}

interface Vocab {
  tokens: string[];
  scores: number[];
  types: number[];
}

/**
 * `<unk>`, `<s>`, `</s>`, the 256 `<0xNN>` byte tokens SentencePiece falls back to, then pieces:
 * "▁" (the SentencePiece space), printable ASCII, and a few "▁word" pieces. Longer pieces score
 * higher so the tokenizer prefers them, as in a trained vocabulary.
 */
function buildVocab(): Vocab {
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL];
  const scores: number[] = [0, 0, 0];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TokenType.BYTE);
    scores.push(0);
  }
  const pieces = ['▁'];
  for (let c = 33; c < 127; c++) pieces.push(String.fromCharCode(c));
  for (const word of ['the', 'a', 'is', 'you', 'I', 'to', 'and', 'of', 'Hello', 'hello', 'user', 'assistant', 'system', 'safe', 'not', 'can']) {
    pieces.push(`▁${word}`);
  }
  pieces.push('<|', '|>', 'user', 'assistant', 'system');
  for (const piece of pieces) {
    if (tokens.includes(piece)) continue;
    tokens.push(piece);
    types.push(TokenType.NORMAL);
    scores.push(-100 + piece.length);
  }
  return { tokens, scores, types };
}

function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

/** A small deterministic PRNG, so the same seed always writes the same model. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Little-endian writer that grows as needed. */
class ByteWriter {
  private buffer = Buffer.alloc(1 << 16);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const next = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  /** Writes one `size`-byte number at the end: `write` is the matching Buffer method. */
  private put(size: number, write: (buffer: Buffer, offset: number) => unknown): void {
    this.reserve(size);
    write(this.buffer, this.length);
    this.length += size;
  }

  u8(value: number): void {
    this.put(1, (buffer, offset) => buffer.writeUInt8(value, offset));
  }

  u32(value: number): void {
    this.put(4, (buffer, offset) => buffer.writeUInt32LE(value, offset));
  }

  i32(value: number): void {
    this.put(4, (buffer, offset) => buffer.writeInt32LE(value, offset));
  }

  u64(value: number): void {
    this.put(8, (buffer, offset) => buffer.writeBigUInt64LE(BigInt(value), offset));
  }

  f32(value: number): void {
    this.put(4, (buffer, offset) => buffer.writeFloatLE(value, offset));
  }

  /** A GGUF string: u64 byte length, then UTF-8 bytes without a terminator. */
  string(value: string): void {
    const encoded = Buffer.from(value, 'utf8');
    this.u64(encoded.length);
    this.bytes(encoded);
  }

  bytes(data: Uint8Array): void {
    this.put(data.length, (buffer, offset) => buffer.set(data, offset));
  }

  pad(alignment: number): void {
    const padding = alignUp(this.length, alignment) - this.length;
    this.bytes(new Uint8Array(padding));
  }

  toBytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
