import { getJson } from '../http/get-json.js';
import type { GetJsonTarget } from '../http/get-json.js';

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
export async function readProps(server: GetJsonTarget, signal: AbortSignal): Promise<LlamaServerProps> {
  const { body } = await getJson<Record<string, unknown>>(server, '/props', signal);
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
