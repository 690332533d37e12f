import { unpackAnswers } from '../../shared/pack-answers.js';
import { META_BLOCK_ID, REPORT_DATA_FORMAT, answersBlockId } from '../../shared/report-data.js';
import type { PackedAnswers, ReportAnswer, ReportMeta } from '../../shared/report-data.js';

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

async function readBlock(id: string): Promise<unknown | undefined> {
  const el = document.getElementById(id);
  if (el === null || el.getAttribute('type') !== 'application/octet-stream') return undefined;
  const text = (el.textContent ?? '').replace(/\s+/g, '');
  if (text === '') return undefined;
  return gunzipJson(base64Bytes(text));
}

/** The meta block, or undefined when the page carries no data (the bare built app). */
export async function loadMeta(): Promise<ReportMeta | undefined> {
  const meta = (await readBlock(META_BLOCK_ID)) as ReportMeta | undefined;
  if (meta === undefined) return undefined;
  if (meta.format !== REPORT_DATA_FORMAT) throw new Error(`unexpected data format ${String(meta.format)}`);
  return meta;
}

const cache = new Map<number, Promise<ReportAnswer[]>>();

/** One run's answers, decoded once and kept. */
export function loadAnswers(run: number): Promise<ReportAnswer[]> {
  let p = cache.get(run);
  if (p === undefined) {
    p = readBlock(answersBlockId(run)).then((packed) => (packed === undefined ? [] : unpackAnswers(packed as PackedAnswers)));
    cache.set(run, p);
  }
  return p;
}
