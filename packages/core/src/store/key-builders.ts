import type { ChatMessageV1, GenerationParamsV1 } from '@sc-safety/spec';
import { isSecretField } from '../config/secret-fields.js';
import { contentKey } from './content-key.js';

/**
 * Top-level model-entry fields that never enter a key, because they do not change what the model
 * answers:
 * - `id`: the leaderboard name. Renaming a model on the board must not re-run it.
 * - `adapter`: the adapter REFERENCE as written (short name, package or path); the adapter's own
 *   `name` is keyed separately, so moving a config file or a local adapter does not re-run.
 * - `apiKey`, `apiKeyEnv`, `organization`, `project`: who pays, not what is asked. Rotating a key
 *   must not re-run.
 * - `concurrency`, `rpm`, `tpm`, `maxRetries`, `timeoutMs`, `healthTimeoutMs`: pacing and patience.
 * - `headers`: transport (and often credentials).
 * - `tags`: board labels.
 * Also dropped, at any depth: every field whose name looks like a credential (`isSecretField`:
 * `secretKey`, `token`, `Authorization`, …).
 */
export const NON_KEY_MODEL_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'adapter',
  'apiKey',
  'apiKeyEnv',
  'organization',
  'project',
  'concurrency',
  'rpm',
  'tpm',
  'maxRetries',
  'timeoutMs',
  'healthTimeoutMs',
  'headers',
  'tags',
]);

/**
 * The part of a model's config that enters keys: the vendor model id, preset, base URL and adapter
 * options (sampling `params` are keyed on their own). See {@link NON_KEY_MODEL_FIELDS} for what is
 * left out and why. Non-object configs are returned unchanged.
 */
export function keyModelConfig(config: unknown): unknown {
  if (!isPlainObject(config)) return config;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    if (NON_KEY_MODEL_FIELDS.has(name) || isSecretField(name)) continue;
    out[name] = withoutSecretFields(value);
  }
  return out;
}

function withoutSecretFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecretFields);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) if (!isSecretField(name)) out[name] = withoutSecretFields(inner);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What identifies one model call. */
export interface AnswerKeyParts {
  /** The adapter's own name (`openai`, `anthropic`), not its package version: upgrading an adapter does not re-run. */
  adapter: { name: string };
  /** The model's config; passed through {@link keyModelConfig}, so a whole model entry is safe to give. */
  model: unknown;
  /** The exact conversation sent, system message included: a changed prompt is a new call. */
  messages: readonly ChatMessageV1[];
  /** Sampling settings sent (`undefined` and `{}` are the same). */
  params?: GenerationParamsV1 | undefined;
  /**
   * The repetition (`epochs`) this call belongs to. Epoch 1 (or none) leaves the key exactly as it
   * was before epochs existed, so stores written then resume; every later epoch is its own call
   * even when its request is byte-identical (a model whose params fix the seed).
   */
  epoch?: number | undefined;
}

/**
 * The content address of one model call: `{adapter name, key model config, messages, params}`.
 * Same question to the same model with the same settings → same key → the stored answer is reused
 * and no call is made. Kept out (see {@link NON_KEY_MODEL_FIELDS}): the leaderboard id,
 * concurrency and rate limits, timeouts, headers, and every secret.
 */
export function answerKey(parts: AnswerKeyParts): string {
  return contentKey({
    v: 1,
    kind: 'answer',
    adapter: { name: parts.adapter.name },
    model: keyModelConfig(parts.model),
    messages: parts.messages,
    params: parts.params ?? {},
    ...(parts.epoch !== undefined && parts.epoch > 1 ? { epoch: parts.epoch } : {}),
  });
}

/** What identifies one judgment. */
export interface JudgmentKeyParts {
  /** The {@link answerKey} of the judged answer. */
  answerKey: string;
  /**
   * The judged text itself. The answer key names the request, not the reply: should a stored
   * answer ever be replaced (a deleted row, a merge that kept the other shard's), the judgment of
   * the old text must not be served for the new one.
   */
  answerText: string;
  /** The judge: adapter name, config (passed through {@link keyModelConfig}) and sampling params. */
  judge: { adapter: { name: string } | string; config: unknown; params?: unknown };
  /**
   * Hash of the judge prompt template, rubric and parser version. Changing the prompt re-judges
   * every answer WITHOUT regenerating any (answer keys do not include it).
   */
  promptHash: string;
  /**
   * Position in a judge panel, only when the same judge config sits in a panel more than once and
   * each seat must be asked separately. Leave it out otherwise, so reordering a panel re-judges nothing.
   */
  panelIndex?: number | undefined;
}

/**
 * The content address of one judgment: `{answer key, answer text, judge, prompt hash, panel seat}`.
 * The judge's leaderboard id, pacing and secrets are left out as for answers.
 */
export function judgmentKey(parts: JudgmentKeyParts): string {
  const judgeAdapter = typeof parts.judge.adapter === 'string' ? parts.judge.adapter : parts.judge.adapter.name;
  return contentKey({
    v: 1,
    kind: 'judgment',
    answerKey: parts.answerKey,
    answerText: parts.answerText,
    judge: { adapter: judgeAdapter, config: keyModelConfig(parts.judge.config), params: parts.judge.params ?? {} },
    promptHash: parts.promptHash,
    panelIndex: parts.panelIndex,
  });
}
