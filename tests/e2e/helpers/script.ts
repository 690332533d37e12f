import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { core } from './workspace.js';
import type { FakeScenario, RecordedRequest, ScenarioHandler } from './workspace.js';

/** What a scripted judge gives an answer: a score, or `X` for a reply without a readable verdict. */
export type Mark = 0 | 1 | 2 | 'X';

/** One scripted answer of a model to one item and round. */
export type Step =
  /** A text answer; judge A gives it `a`, judge B gives it `b`. */
  | { kind: 'text'; a: Mark; b: Mark }
  /** A vendor content-filter block (scenario kind `block`). */
  | { kind: 'block'; scenario: Extract<FakeScenario, { kind: 'block' }> }
  | { kind: 'empty' };

export type CategoryId = 'traditional_safety' | 'responsible_ai' | 'instruction_attack';

export interface TestItem {
  id: string;
  category: CategoryId;
  dimension: string;
}

/** Six items, two per category. */
export const SIX_ITEMS: readonly TestItem[] = [
  { id: 'ts-1', category: 'traditional_safety', dimension: 'crime' },
  { id: 'ts-2', category: 'traditional_safety', dimension: 'insult' },
  { id: 'ra-1', category: 'responsible_ai', dimension: 'environment' },
  { id: 'ra-2', category: 'responsible_ai', dimension: 'psychology' },
  { id: 'ia-1', category: 'instruction_attack', dimension: 'goal_hijacking' },
  { id: 'ia-2', category: 'instruction_attack', dimension: 'unsafe_roleplay' },
];

export const question = (id: string) => `【${id}】请问这件事应该怎么做？`;
export const followUp = (id: string) => `【${id}】追问：如果我坚持呢？`;

/** JSON Lines text: one line per row, each ended by a newline. */
export const jsonl = (rows: readonly unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Writes the items as a dataset JSONL file; returns its path. */
export async function writeDataset(dir: string, items: readonly TestItem[], name = 'items.jsonl'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  const rows = items.map((i) => ({
    id: i.id,
    category: i.category,
    dimension: i.dimension,
    turns: [question(i.id), followUp(i.id)],
  }));
  await writeFile(file, jsonl(rows));
  return file;
}

/** The text a scripted model answers; it carries the verdicts the two scripted judges will give it. */
export function answerText(model: string, itemId: string, round: number, a: Mark, b: Mark): string {
  return `模型${model}对${itemId}第${round}轮的回答。〔评分A=${a};B=${b}〕`;
}

const MARKER = /〔评分A=([012X]);B=([012X])〕/;

/** The conversation of a recorded chat request, OpenAI or Anthropic wire format. */
export interface Conversation {
  system?: string;
  users: string[];
  assistants: string[];
  /** Every message in order (system excluded for Anthropic, where it is a separate field). */
  messages: Array<{ role: string; content: string }>;
}

function flatten(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part: { text?: string }) => part.text ?? '').join('');
  return '';
}

export function conversationOf(request: RecordedRequest): Conversation {
  const body = request.body as { system?: unknown; messages?: Array<{ role: string; content: unknown }> } | undefined;
  const messages = (body?.messages ?? []).map((m) => ({ role: m.role, content: flatten(m.content) }));
  const system = body?.system !== undefined ? flatten(body.system) : messages.find((m) => m.role === 'system')?.content;
  return {
    ...(system !== undefined ? { system } : {}),
    users: messages.filter((m) => m.role === 'user').map((m) => m.content),
    assistants: messages.filter((m) => m.role === 'assistant').map((m) => m.content),
    messages,
  };
}

/** Whether a recorded request is a chat call (not a model list or the like). */
export function isChat(request: RecordedRequest): boolean {
  return request.method === 'POST' && /\/(chat\/completions|messages)$/.test(request.path);
}

/** The item and round a model-under-test request asks. */
export function turnOfRequest(request: RecordedRequest): { itemId: string; round: 1 | 2 } {
  const conv = conversationOf(request);
  const id = /【([^】]+)】/.exec(conv.users[0] ?? '')?.[1];
  if (id === undefined) throw new Error(`not a scripted item request: ${request.rawBody.slice(0, 200)}`);
  return { itemId: id, round: conv.users.length >= 2 ? 2 : 1 };
}

/** The scenario a step plays. */
export function scenarioOf(model: string, itemId: string, round: number, step: Step, usage = true): FakeScenario {
  if (step.kind === 'block') return step.scenario;
  if (step.kind === 'empty') return { kind: 'empty' };
  const text = answerText(model, itemId, round, step.a, step.b);
  return { kind: 'text', text, ...(usage ? { usage: { inputTokens: 30, outputTokens: 20 } } : {}) };
}

/** A model under test that answers item × round from a script (`${itemId}#${round}` → step). */
export function scriptedModel(
  model: string,
  script: Readonly<Record<string, Step>>,
  options: { delayMs?: (request: RecordedRequest) => number } = {},
): ScenarioHandler {
  return (request) => {
    const { itemId, round } = turnOfRequest(request);
    const step = script[`${itemId}#${round}`] ?? { kind: 'text', a: 2, b: 2 };
    const scenario = scenarioOf(model, itemId, round, step);
    const delayMs = options.delayMs?.(request);
    return scenario.kind === 'text' && delayMs ? { ...scenario, delayMs } : scenario;
  };
}

/** What a judge request asks about, independent of its random nonce. */
export interface JudgeAsk {
  /** The turn graded (3 and later in adaptive runs). */
  round: number;
  question: string;
  answer: string;
  previousAnswer?: string;
  followUp?: string;
  isRepair: boolean;
  nonce: string;
  format: 'json' | 'marker';
}

export function judgeAskOf(request: RecordedRequest): JudgeAsk | undefined {
  const body = request.body as
    | { messages?: Array<{ role: 'system' | 'user' | 'assistant'; content: unknown }> }
    | undefined;
  const task = core.extractJudgeTask(
    (body?.messages ?? []).map((m) => ({ role: m.role, content: flatten(m.content) })),
  );
  if (!task) return undefined;
  return {
    round: task.round,
    question: task.question,
    answer: task.answer,
    ...(task.previousAnswer !== undefined ? { previousAnswer: task.previousAnswer } : {}),
    ...(task.followUp !== undefined ? { followUp: task.followUp } : {}),
    isRepair: task.isRepair,
    nonce: task.nonce,
    format: task.format,
  };
}

/**
 * A scripted judge: reads the answer's `〔评分A=…;B=…〕` marker and gives its own letter's score in
 * the format the prompt asked for; `X` (or no marker) gets a reply without any verdict, repair
 * included, so the judgment ends `judge_unparseable`.
 */
export function scriptedJudge(
  letter: 'A' | 'B',
  options: { delayMs?: () => number; fallback?: 0 | 1 | 2 } = {},
): ScenarioHandler {
  return (request) => {
    const ask = judgeAskOf(request);
    if (!ask) return { kind: 'text', text: '这不是评分请求。' };
    const m = MARKER.exec(ask.answer);
    const mark = m ? (letter === 'A' ? m[1] : m[2]) : options.fallback !== undefined ? String(options.fallback) : 'X';
    const delayMs = options.delayMs?.();
    if (mark === 'X' || mark === undefined)
      return { kind: 'text', text: '这个回答嘛，我觉得还行吧。', ...(delayMs ? { delayMs } : {}) };
    const score = Number(mark) as 0 | 1 | 2;
    return {
      kind: 'text',
      text: core.renderVerdict(ask.nonce, score, `评分${letter}给出${score}分。`, { format: ask.format }),
      usage: { inputTokens: 500, outputTokens: 30 },
      ...(delayMs ? { delayMs } : {}),
    };
  };
}

/** One YAML mapping entry per field; values as JSON (valid YAML flow scalars). */
export interface ConfigEntry {
  [field: string]: unknown;
}

/** A run config as YAML text. */
export function configYaml(config: {
  dataset: string;
  output?: string;
  models: ConfigEntry[];
  judges?: ConfigEntry[];
  judge?: ConfigEntry;
  policies?: object;
  panel?: object;
}): string {
  const entry = (e: ConfigEntry, indent: string) =>
    Object.entries(e)
      .map(([k, v], i) => `${i === 0 ? `${indent}- ` : `${indent}  `}${k}: ${JSON.stringify(v)}`)
      .join('\n');
  const lines = [`# sc-safety e2e test config`, `dataset: ${JSON.stringify(config.dataset)}`];
  if (config.output !== undefined) lines.push(`output: ${JSON.stringify(config.output)}`);
  lines.push('models:', ...config.models.map((m) => entry(m, '  ')));
  if (config.judges) lines.push('judges:', ...config.judges.map((m) => entry(m, '  ')));
  if (config.judge)
    lines.push('judge:', ...Object.entries(config.judge).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`));
  if (config.panel) lines.push(`panel: ${JSON.stringify(config.panel)}`);
  if (config.policies) lines.push(`policies: ${JSON.stringify(config.policies)}`);
  return lines.join('\n') + '\n';
}
