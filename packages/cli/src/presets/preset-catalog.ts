/** One accepted range of a sampling setting, as a preset documents it. */
export interface ParamRange {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** A built-in preset of one of the bundled adapters, in one shape for listing and checking. */
export interface PresetInfo {
  /** The adapter it belongs to (`openai`, `http`). */
  adapter: 'openai' | 'http';
  /** The `preset:` value. */
  name: string;
  label: string;
  baseURL: string;
  /** The environment variable the key is read from when the entry gives no `apiKey`. */
  keyVariable?: string;
  /** Whether a key is needed at all (local servers run without one). */
  requiresKey: boolean;
  /** Ranges of the sampling settings the vendor accepts. */
  params: Partial<Record<'temperature' | 'topP' | 'maxTokens' | 'seed', ParamRange>>;
  /** The vendor block signals the preset recognises (`error.code=data_inspection_failed`, …). */
  blockSignals: string[];
}

/** The anthropic adapter has no presets; its key variable, for key checks. */
export const ANTHROPIC_KEY_VARIABLE = 'ANTHROPIC_API_KEY';

function range(r: ParamRange): ParamRange {
  const out: ParamRange = {};
  if (r.min !== undefined) out.min = r.min;
  if (r.max !== undefined) out.max = r.max;
  if (r.minExclusive) out.minExclusive = true;
  if (r.maxExclusive) out.maxExclusive = true;
  return out;
}

/**
 * The presets of the bundled `openai` and `http` adapters (those in `adapters`; both by default),
 * read from the adapters themselves (the one place their facts live). These are the CLI's own
 * dependencies, not modules a config names, so reading them runs no third-party code.
 */
export async function presetCatalog(
  adapters: readonly PresetInfo['adapter'][] = ['openai', 'http'],
): Promise<PresetInfo[]> {
  // Only the adapters asked for are imported: a run of OpenAI-compatible models never loads adapter-http.
  const [openai, http] = await Promise.all([
    adapters.includes('openai') ? import('@sc-safety/adapter-openai') : undefined,
    adapters.includes('http') ? import('@sc-safety/adapter-http') : undefined,
  ]);
  const list: PresetInfo[] = [];
  for (const p of Object.values(openai?.PRESETS ?? {})) {
    const params: PresetInfo['params'] = {};
    for (const [k, v] of Object.entries(p.clamps)) if (v) params[k as keyof PresetInfo['params']] = range(v);
    list.push({
      adapter: 'openai',
      name: p.name,
      label: p.label,
      baseURL: p.baseURL,
      keyVariable: p.apiKeyEnv,
      requiresKey: p.requiresApiKey,
      params,
      blockSignals: p.blocks.map((r) => r.signal),
    });
  }
  for (const [name, p] of Object.entries(http?.PRESETS ?? {})) {
    const t = p.template;
    const params: PresetInfo['params'] = {};
    for (const k of ['temperature', 'topP', 'maxTokens', 'seed'] as const) {
      const spec = t.request.params?.[k];
      if (spec && (spec.min !== undefined || spec.max !== undefined)) params[k] = range(spec);
    }
    list.push({
      adapter: 'http',
      name,
      label: t.label,
      baseURL: t.endpoint.baseURL + t.endpoint.path,
      ...(t.apiKeyEnv !== undefined ? { keyVariable: t.apiKeyEnv } : {}),
      requiresKey: t.auth.type !== 'none',
      params,
      blockSignals: (t.blocks ?? []).map((r) => r.signal),
    });
  }
  return list;
}

/** A range as people write it: `0–2` (bounds included), `[0, 2)`, `(0, 1]`, `≥ 1`. */
export function formatRange(r: ParamRange): string {
  if (r.min !== undefined && r.max !== undefined) {
    if (!r.minExclusive && !r.maxExclusive) return `${r.min}–${r.max}`;
    return `${r.minExclusive ? '(' : '['}${r.min}, ${r.max}${r.maxExclusive ? ')' : ']'}`;
  }
  if (r.min !== undefined) return `${r.minExclusive ? '>' : '≥'} ${r.min}`;
  if (r.max !== undefined) return `${r.maxExclusive ? '<' : '≤'} ${r.max}`;
  return 'any';
}

/** Whether `value` lies in `r`. */
export function inRange(value: number, r: ParamRange): boolean {
  if (r.min !== undefined && (r.minExclusive ? value <= r.min : value < r.min)) return false;
  if (r.max !== undefined && (r.maxExclusive ? value >= r.max : value > r.max)) return false;
  return true;
}
