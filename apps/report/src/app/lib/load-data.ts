import { unpackAnswers } from '../../common/pack-answers.js';
import { ANSWER_CHUNK_CALLBACK, META_BLOCK_ID, REPORT_DATA_FORMAT, answersBlockId } from '../../common/report-data.js';
import type { AnswerChunkRef, PackedAnswers, ReportAnswer, ReportMeta } from '../../common/report-data.js';

type Base64Decoder = { fromBase64?: (s: string) => Uint8Array };

function base64Bytes(text: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Decoder).fromBase64;
  if (native) return native(text);
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** gunzip with the browser's own DecompressionStream: no fetch, so it works from file://. */
async function gunzipJson(bytes: Uint8Array): Promise<unknown> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const text = await new Response(stream).text();
  return JSON.parse(text) as unknown;
}

function blockText(id: string): string | undefined {
  const el = document.getElementById(id);
  if (el === null || el.getAttribute('type') !== 'application/octet-stream') return undefined;
  const text = (el.textContent ?? '').replace(/\s+/g, '');
  return text === '' ? undefined : text;
}

async function readBlock(id: string): Promise<unknown | undefined> {
  const text = blockText(id);
  return text === undefined ? undefined : gunzipJson(base64Bytes(text));
}

let loadedMeta: ReportMeta | undefined;

/** The meta block, or undefined when the page carries no data (the bare built app). */
export async function loadMeta(): Promise<ReportMeta | undefined> {
  const meta = (await readBlock(META_BLOCK_ID)) as ReportMeta | undefined;
  if (meta === undefined) return undefined;
  if (meta.format !== REPORT_DATA_FORMAT) throw new Error(`unexpected data format ${String(meta.format)}`);
  loadedMeta = meta;
  return meta;
}

/** Chunk files being loaded: their blocks arrive through the global callback the files call. */
const arriving = new Map<string, (text: string) => void>();

function chunkCallback(run: unknown, chunk: unknown, text: unknown): void {
  const key = `${String(run)}/${String(chunk)}`;
  const deliver = arriving.get(key);
  if (deliver === undefined || typeof text !== 'string') return;
  arriving.delete(key);
  deliver(text);
}

/**
 * A chunk file's block. A `<script>` element, not fetch: fetch cannot read file:// pages' neighbours.
 * The page's policy lets the app's own script add it ('strict-dynamic'); markup in the data cannot.
 */
function loadChunkFile(run: number, chunk: number, src: string): Promise<string> {
  (globalThis as Record<string, unknown>)[ANSWER_CHUNK_CALLBACK] = chunkCallback;
  const key = `${run}/${chunk}`;
  return new Promise((resolve, reject) => {
    arriving.set(key, resolve);
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    const fail = (why: string) => {
      script.remove();
      if (!arriving.delete(key)) return;
      reject(new Error(`${src}: ${why} (keep the report's answers-… folder beside its index.html)`));
    };
    script.onload = () => fail('the file holds no answers of this report');
    script.onerror = () => fail('cannot load it');
    document.head.append(script);
  });
}

/** One chunk, decoded: from its block in the page, or from its file. */
async function loadChunk(run: number, chunk: number, ref: AnswerChunkRef, first: number): Promise<ReportAnswer[]> {
  const text = ref.src === undefined ? blockText(answersBlockId(run, chunk)) : await loadChunkFile(run, chunk, ref.src);
  if (text === undefined) throw new Error(`the page lacks block ${answersBlockId(run, chunk)}`);
  return unpackAnswers((await gunzipJson(base64Bytes(text))) as PackedAnswers, first);
}

/** Chunks decoded at once: enough to keep the disk busy, few enough to bound the memory in flight. */
const PARALLEL_CHUNKS = 4;

async function loadRunAnswers(run: number): Promise<ReportAnswer[]> {
  const refs = loadedMeta?.runs[run]?.answerChunks ?? [];
  const firsts: number[] = [];
  let first = 0;
  for (const ref of refs) {
    firsts.push(first);
    first += ref.count;
  }
  const parts: ReportAnswer[][] = new Array<ReportAnswer[]>(refs.length);
  let next = 0;
  const worker = async () => {
    while (next < refs.length) {
      const i = next++;
      parts[i] = await loadChunk(run, i, refs[i]!, firsts[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, refs.length) }, worker));
  return parts.flat();
}

const cache = new Map<number, Promise<ReportAnswer[]>>();

/** One run's answers, loaded (chunk files only now, when a view asks) and decoded once, then kept. */
export function loadAnswers(run: number): Promise<ReportAnswer[]> {
  let p = cache.get(run);
  if (p === undefined) {
    p = loadRunAnswers(run);
    cache.set(run, p);
  }
  return p;
}
