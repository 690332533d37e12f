import type { GenerationParamsV1 } from '@sc-safety/spec';
import { describeValue, isMapping, type ConfigChecker } from './checks.js';
import { childPath } from './expand-env.js';
import { isSecretField } from './secret-fields.js';
import { suggestName } from './suggest.js';
import { RUN_CONFIG_DEFAULTS, type ModelEntry } from './types.js';

/** Fields only the engine reads; they are never handed to the adapter. */
export const ENGINE_MODEL_FIELDS = ['id', 'adapter', 'params', 'concurrency', 'rpm', 'tpm', 'maxRetries', 'tags', 'system', 'epochs'] as const;

/**
 * Common fields (`AdapterBaseConfigV1`) the engine type-checks and also hands to the adapter, which
 * owns their meaning (presets, URL checks, timeouts).
 */
export const SHARED_MODEL_FIELDS = ['model', 'preset', 'baseURL', 'apiKey', 'timeoutMs', 'headers'] as const;

/** The sampling settings `params` may hold (`GenerationParamsV1`). */
export const PARAM_FIELDS = ['temperature', 'topP', 'maxTokens', 'seed', 'stop'] as const;

/** Allowed characters of a model id (the name on the leaderboard). */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9._:@/-]+$/;

const ADAPTER_REQUIRED = 'required (short name like "openai", a package name, or a path)';
const MODEL_REQUIRED = 'required: the vendor\'s model id (e.g. "qwen-max", "gpt-4o")';
const ENGINE = new Set<string>(ENGINE_MODEL_FIELDS);
const SHARED = new Set<string>(SHARED_MODEL_FIELDS);

/**
 * Whether an entry is a leaderboard target, a judge or an attacker (the model that writes
 * follow-ups). Judges and attackers may omit `id` (it defaults to `model`) and have no `system`:
 * their prompts are fixed and versioned by the engine.
 */
export type ModelRole = 'target' | 'judge' | 'attacker';

/**
 * Checks one model entry (`models[i]`, `judge`, `judges[i]`). Returns the entry when it has no
 * problem of its own, else `undefined` (the problems are on the checker).
 */
export function validateModelEntry(raw: unknown, path: string, role: ModelRole, check: ConfigChecker): ModelEntry | undefined {
  if (!isMapping(raw)) {
    check.problem(path, `expected a model entry (a mapping with at least "adapter" and "model"), got ${describeValue(raw)}`);
    return undefined;
  }
  const before = check.problems.length;
  const at = (key: string): string => childPath(path, key);

  const model = check.string(raw.model, at('model'), { required: MODEL_REQUIRED, nonEmpty: true });
  const idRequired = role === 'target' ? 'required: the name shown on the leaderboard (letters, digits and . _ : @ / -)' : undefined;
  let id = check.string(raw.id, at('id'), { ...(idRequired === undefined ? {} : { required: idRequired }), nonEmpty: true });
  if (id !== undefined && !MODEL_ID_PATTERN.test(id)) {
    check.problem(at('id'), `${describeValue(id)} is not a valid id: use letters, digits and . _ : @ / -`);
    id = undefined;
  }
  if (raw.id === undefined && role !== 'target') id = model;
  const adapter = check.string(raw.adapter, at('adapter'), { required: ADAPTER_REQUIRED, nonEmpty: true });

  const preset = check.string(raw.preset, at('preset'), { nonEmpty: true });
  const baseURL = check.string(raw.baseURL, at('baseURL'), { nonEmpty: true });
  const apiKey = check.string(raw.apiKey, at('apiKey'), { secret: true });
  const timeoutMs = check.number(raw.timeoutMs, at('timeoutMs'), 'positive integer');
  const headers = checkHeaders(raw.headers, at('headers'), check);
  const params = checkParams(raw.params, at('params'), check);
  const concurrency = check.number(raw.concurrency, at('concurrency'), 'positive integer');
  const rpm = check.number(raw.rpm, at('rpm'), 'positive number');
  const tpm = check.number(raw.tpm, at('tpm'), 'positive number');
  const maxRetries = check.number(raw.maxRetries, at('maxRetries'), 'non-negative integer');
  const tags = checkTags(raw.tags, at('tags'), check);
  let epochs: number | undefined;
  if (role !== 'target' && raw.epochs !== undefined) {
    check.problem(at('epochs'), `not allowed on ${role === 'judge' ? 'a judge' : 'an attacker'}: epochs repeat the questions asked of a model under test`);
  } else {
    epochs = checkEpochs(raw.epochs, at('epochs'), check);
  }
  let system: string | undefined;
  if (role !== 'target' && raw.system !== undefined) {
    check.problem(at('system'), `not allowed on ${role === 'judge' ? 'a judge' : 'an attacker'}: the ${role} prompt is fixed and versioned by the engine`);
  } else {
    system = check.string(raw.system, at('system'));
  }

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (ENGINE.has(key) || SHARED.has(key)) continue;
    // Unknown fields belong to the adapter, so a misspelt engine field would silently reach it.
    const guess = suggestName(key, ENGINE_MODEL_FIELDS);
    if (guess !== undefined) {
      check.problem(at(key), `unknown field; did you mean "${guess}"? (fields the engine does not know are handed to the adapter)`);
    }
    extra[key] = value;
  }

  if (check.problems.length > before || id === undefined || adapter === undefined || model === undefined) return undefined;
  const entry: ModelEntry = {
    id,
    adapter,
    model,
    params,
    concurrency: concurrency ?? RUN_CONFIG_DEFAULTS.concurrency,
    maxRetries: maxRetries ?? RUN_CONFIG_DEFAULTS.maxRetries,
    tags,
    extra,
  };
  if (preset !== undefined) entry.preset = preset;
  if (baseURL !== undefined) entry.baseURL = baseURL;
  if (apiKey !== undefined) entry.apiKey = apiKey;
  if (timeoutMs !== undefined) entry.timeoutMs = timeoutMs;
  if (headers !== undefined) entry.headers = headers;
  if (rpm !== undefined) entry.rpm = rpm;
  if (tpm !== undefined) entry.tpm = tpm;
  if (system !== undefined) entry.system = system;
  if (epochs !== undefined) entry.epochs = epochs;
  return entry;
}

/**
 * The part of an entry handed to the adapter's `configSchema`: the shared fields that are set plus
 * every adapter-specific field. Engine-only fields (`id`, `params`, `concurrency`, …) are left out.
 */
export function adapterConfigOf(entry: ModelEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { model: entry.model };
  for (const key of SHARED_MODEL_FIELDS) {
    const value = entry[key];
    if (value !== undefined) out[key] = value;
  }
  return { ...out, ...entry.extra };
}

function checkHeaders(value: unknown, path: string, check: ConfigChecker): Record<string, string> | undefined {
  const map = check.mapping(value, path, 'a mapping of header name to value');
  if (map === undefined) return undefined;
  const headers: Record<string, string> = {};
  let ok = true;
  for (const [name, v] of Object.entries(map)) {
    if (typeof v === 'string') headers[name] = v;
    else {
      ok = false;
      check.problem(childPath(path, name), `expected a string, got ${describeValue(v, isSecretField(name))}`);
    }
  }
  return ok ? headers : undefined;
}

function checkParams(value: unknown, path: string, check: ConfigChecker): GenerationParamsV1 {
  const map = check.mapping(value, path, 'a mapping of sampling settings (temperature, topP, maxTokens, seed, stop)');
  if (map === undefined) return {};
  const at = (key: string): string => childPath(path, key);
  check.unknownKeys(map, PARAM_FIELDS, at, 'sampling setting');
  const params: GenerationParamsV1 = {};
  const temperature = check.number(map.temperature, at('temperature'), 'non-negative number');
  if (temperature !== undefined) params.temperature = temperature;
  const topP = check.number(map.topP, at('topP'), 'positive number');
  if (topP !== undefined) {
    if (topP > 1) check.problem(at('topP'), `expected a number in (0, 1], got ${topP}`);
    else params.topP = topP;
  }
  const maxTokens = check.number(map.maxTokens, at('maxTokens'), 'positive integer');
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  const seed = check.number(map.seed, at('seed'), 'integer');
  if (seed !== undefined) params.seed = seed;
  if (map.stop !== undefined) {
    if (!Array.isArray(map.stop)) check.problem(at('stop'), `expected a list of stop sequences, got ${describeValue(map.stop)}`);
    else {
      const stop: string[] = [];
      map.stop.forEach((s: unknown, i) => {
        if (typeof s === 'string' && s.length > 0) stop.push(s);
        else check.problem(childPath(at('stop'), i), `expected a non-empty string, got ${describeValue(s)}`);
      });
      if (stop.length === map.stop.length) params.stop = stop;
    }
  }
  return params;
}

function checkTags(value: unknown, path: string, check: ConfigChecker): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    check.problem(path, `expected a list of tags (open, closed, unranked, or your own), got ${describeValue(value)}`);
    return [];
  }
  const tags: string[] = [];
  value.forEach((tag: unknown, i) => {
    if (typeof tag !== 'string' || tag.trim().length === 0) check.problem(childPath(path, i), `expected a non-empty string, got ${describeValue(tag)}`);
    else if (!tags.includes(tag)) tags.push(tag);
  });
  if (tags.includes('open') && tags.includes('closed')) check.problem(path, 'a model cannot be tagged both "open" and "closed"');
  return tags;
}

/** The most epochs a run may ask: each epoch repeats every call, so a typo (`epochs: 100`) would be costly. */
export const MAX_EPOCHS = 20;

/** `epochs` (run level or per model): a whole number from 1 to {@link MAX_EPOCHS}. */
export function checkEpochs(value: unknown, path: string, check: ConfigChecker): number | undefined {
  const epochs = check.number(value, path, 'positive integer');
  if (epochs !== undefined && epochs > MAX_EPOCHS) {
    check.problem(path, `at most ${MAX_EPOCHS} epochs (each epoch asks every item again), got ${epochs}`);
    return undefined;
  }
  return epochs;
}
