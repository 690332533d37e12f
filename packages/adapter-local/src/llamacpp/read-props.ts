import { parseJsonOrThrow } from '@sc-safety/adapter-utils';
import { classifyHttpError } from '../http/classify-http-error.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import type { LocalHttpClient } from '../http/http-client.js';

/** What `GET /props` tells about the running server. */
export interface LlamaServerProps {
  /** Context size of one slot (`default_generation_settings.n_ctx`). */
  contextSize?: number;
  /** Parallel slots (`--parallel`): requests beyond this are queued. */
  totalSlots?: number;
  /** A name for the loaded model: `model_alias`, else the file name of `model_path`. */
  modelName?: string;
  /** The loaded model file (`model_path`): the served model's identity on a local server. */
  modelPath?: string;
}

/** Reads `/props`. Missing fields stay undefined (older servers have fewer). */
export async function readProps(
  client: LocalHttpClient,
  label: string,
  hints: ErrorHints,
  signal: AbortSignal,
): Promise<LlamaServerProps> {
  const response = await client.get('/props', signal);
  const text = await response.text();
  if (!response.ok)
    throw classifyHttpError(
      { status: response.status, headers: response.headers, bodyText: text },
      { label, secrets: client.secrets, hints },
    );
  const body = parseJsonOrThrow<Record<string, unknown>>(text, {
    context: `${label} /props`,
    secrets: client.secrets,
    status: response.status,
  });
  const settings = (body.default_generation_settings ?? {}) as Record<string, unknown>;
  const props: LlamaServerProps = {};
  const nCtx = positiveInteger(settings.n_ctx) ?? positiveInteger(body.n_ctx);
  if (nCtx !== undefined) props.contextSize = nCtx;
  const slots = positiveInteger(body.total_slots);
  if (slots !== undefined) props.totalSlots = slots;
  const name =
    typeof body.model_alias === 'string' && body.model_alias !== '' ? body.model_alias : fileName(body.model_path);
  if (name !== undefined) props.modelName = name;
  if (typeof body.model_path === 'string' && body.model_path !== '') props.modelPath = body.model_path;
  return props;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function fileName(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return undefined;
  return path.split(/[\\/]/).pop();
}
