import { InvalidRequestError } from '@sc-safety/spec';
import type { ChatMessageV1, GenerationParamsV1, WarningV1 } from '@sc-safety/spec';
import { setPath } from '@sc-safety/adapter-utils';
import type { HttpTemplate, ParamSpec } from './template/types.js';

/** What {@link mapRequest} needs. */
export interface MapRequestInput {
  template: HttpTemplate;
  model: string;
  messages: readonly ChatMessageV1[];
  params?: GenerationParamsV1 | undefined;
  stream: boolean;
  /** Values for `{name}` placeholders in fixed body fields (`model`, `modelPath`, plugin variables). */
  vars: Readonly<Record<string, string>>;
}

/** The body to send and the notes about settings that were not sent as given. */
export interface MappedRequest {
  body: Record<string, unknown>;
  warnings: WarningV1[];
}

/**
 * Builds a vendor request body from a template: messages with the vendor's role names, the system
 * prompt where the vendor wants it, the turn rules, settings (clamped into range, or dropped with
 * a warning when the vendor has no such setting) and the template's fixed fields.
 */
export function mapRequest(input: MapRequestInput): MappedRequest {
  const { template, stream } = input;
  const mapping = template.request;
  const warnings: WarningV1[] = [];
  const body: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(mapping.body ?? {})) setPath(body, path, substitute(value, input.vars));
  const extra = stream ? mapping.stream?.body : mapping.noStream?.body;
  for (const [path, value] of Object.entries(extra ?? {})) setPath(body, path, substitute(value, input.vars));
  if (mapping.model !== undefined) setPath(body, mapping.model, input.model);

  let system: string | undefined;
  let turns = input.messages.filter((m) => {
    if (m.role !== 'system') return true;
    system = system === undefined ? m.content : `${system}\n\n${m.content}`;
    return false;
  });
  if (system !== undefined) {
    if (mapping.system === 'field') setPath(body, mapping.systemPath as string, system);
    else if (mapping.system === 'merge') turns = mergeIntoFirstUser(turns, system);
    else if (mapping.system === 'drop') {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'system',
        message: `${template.label} has no system prompt: it was not sent.`,
      });
    }
  }
  turns = applyTurnRules(turns, template, warnings);
  const roleField = mapping.roleField ?? 'role';
  const contentField = mapping.contentField ?? 'content';
  const ordered: ChatMessageV1[] =
    system !== undefined && mapping.system === 'message' ? [{ role: 'system', content: system }, ...turns] : turns;
  setPath(
    body,
    mapping.messages,
    ordered.map((m) => ({ [roleField]: mapping.roles?.[m.role] ?? m.role, [contentField]: m.content })),
  );

  mapParams(body, input.params, template, warnings);
  return { body, warnings };
}

function mergeIntoFirstUser(turns: ChatMessageV1[], system: string): ChatMessageV1[] {
  const index = turns.findIndex((m) => m.role === 'user');
  if (index === -1) return [{ role: 'user', content: system }, ...turns];
  return turns.map((m, i) => (i === index ? { role: 'user', content: `${system}\n\n${m.content}` } : m));
}

/** Alternation and length rules (Baidu v1: odd count, alternating, user first; Hunyuan ≤ 40). */
function applyTurnRules(turns: ChatMessageV1[], template: HttpTemplate, warnings: WarningV1[]): ChatMessageV1[] {
  const rules = template.request.alternation;
  if (rules === undefined) return turns;
  let out = turns;
  if (rules.alternate) {
    if (out[0]?.role !== 'user' || out.at(-1)?.role !== 'user') {
      throw new InvalidRequestError({
        message: `${template.label} needs the conversation to start and end with a user turn (template.request.alternation).`,
        reason: 'parameter',
      });
    }
    const merged: ChatMessageV1[] = [];
    for (const m of out) {
      const last = merged.at(-1);
      if (last?.role !== m.role) {
        merged.push({ ...m });
        continue;
      }
      if (rules.merge === 'reject') {
        throw new InvalidRequestError({
          message: `${template.label} needs user and assistant turns to alternate; two ${m.role} turns follow each other (template.request.alternation.merge is "reject").`,
          reason: 'parameter',
        });
      }
      last.content = `${last.content}\n\n${m.content}`;
    }
    if (merged.length !== out.length) {
      warnings.push({
        type: 'other',
        setting: 'messages',
        message: `${template.label} needs alternating turns: ${out.length - merged.length} consecutive turn(s) of the same role were joined.`,
      });
    }
    out = merged;
  }
  if (rules.maxMessages !== undefined && out.length > rules.maxMessages) {
    // Drop whole user/assistant pairs from the front so the conversation still starts with a user turn.
    let drop = out.length - rules.maxMessages;
    if (rules.alternate && drop % 2 === 1) drop++;
    warnings.push({
      type: 'other',
      setting: 'messages',
      message: `${template.label} accepts at most ${rules.maxMessages} messages: the oldest ${drop} were not sent.`,
    });
    out = out.slice(drop);
  }
  return out;
}

const DEFAULT_STEP = { temperature: 0.01, topP: 0.01, maxTokens: 1, seed: 1 } as const;

function mapParams(
  body: Record<string, unknown>,
  params: GenerationParamsV1 | undefined,
  template: HttpTemplate,
  warnings: WarningV1[],
): void {
  if (params === undefined) return;
  const specs = template.request.params ?? {};
  for (const setting of ['temperature', 'topP', 'maxTokens', 'seed'] as const) {
    const value = params[setting];
    if (value === undefined) continue;
    const spec = specs[setting];
    if (spec === undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting,
        message: `${template.label} does not support ${setting}: it was not sent.`,
      });
      continue;
    }
    const clamped = clamp(value, spec, DEFAULT_STEP[setting]);
    if (clamped !== value) {
      warnings.push({
        type: 'clamped-setting',
        setting,
        message: `${template.label} accepts ${setting} in ${describeRange(spec)}: ${value} was sent as ${clamped}.`,
      });
    }
    setPath(body, spec.path, clamped);
  }
  if (params.stop !== undefined && params.stop.length > 0) {
    if (specs.stop === undefined)
      warnings.push({
        type: 'unsupported-setting',
        setting: 'stop',
        message: `${template.label} does not support stop sequences: they were not sent.`,
      });
    else setPath(body, specs.stop.path, params.stop);
  }
}

function clamp(value: number, spec: ParamSpec, defaultStep: number): number {
  const step = spec.step ?? (spec.integer === true ? 1 : defaultStep);
  let next = spec.integer === true ? Math.round(value) : value;
  if (spec.min !== undefined) {
    if (spec.minExclusive === true ? next <= spec.min : next < spec.min)
      next = spec.minExclusive === true ? round(spec.min + step) : spec.min;
  }
  if (spec.max !== undefined) {
    if (spec.maxExclusive === true ? next >= spec.max : next > spec.max)
      next = spec.maxExclusive === true ? round(spec.max - step) : spec.max;
  }
  return next;
}

function describeRange(spec: ParamSpec): string {
  return `${spec.minExclusive === true ? '(' : '['}${spec.min ?? '-∞'}, ${spec.max ?? '∞'}${spec.maxExclusive === true ? ')' : ']'}`;
}

// Avoids 0.30000000000000004-style values in request bodies.
function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** Replaces `{name}` in strings (deeply) with template variables; unknown names stay as written. */
export function substitute(value: unknown, vars: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return value.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}
