import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_POLICIES } from '../engine/policies.js';
import type { AnswerRow } from '../engine/types.js';
import { buildResults } from '../export/build-results.js';
import type { ResultsFile } from '@sc-safety/results';
import { ANSWER_OUTCOMES } from '@sc-safety/results';
import type { AnswerOutcome } from '@sc-safety/results';
import { defaultTaxonomy } from '@sc-safety/results';
import { CATEGORY_IDS } from '@sc-safety/results';
import type { CategoryId } from '@sc-safety/results';
import { bootstrapScoring } from './bootstrap-scoring.js';
import { toolVersion } from './run-benchmark.js';

/** A judgments file problem, located as `file:line: field: message`. */
export class JudgmentsFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'JudgmentsFileError';
  }
}

/**
 * `sc-safety score --judgments <file.jsonl>`: leaderboards from judgments made elsewhere. Each line
 * is `{model, itemId, category, dimension, round, score}` or the same with `outcome` (any non-scored
 * outcome) instead of `score`; an optional `tags` array applies to its model. Scored with exactly
 * the pooled formulas of docs/benchmark.md §4, like a run.
 */
export async function scoreJudgmentsFile(
  file: string,
  options: { cwd?: string; bootstrapIterations?: number } = {},
): Promise<ResultsFile> {
  const abs = path.resolve(options.cwd ?? process.cwd(), file);
  const text = (await readFile(abs, 'utf8')).replace(/^\uFEFF/, '');
  const problems: string[] = [];
  const rows: AnswerRow[] = [];
  const tags = new Map<string, Set<string>>();
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const at = (field: string, message: string) => problems.push(`${file}:${line}: ${field}: ${message}`);
    let v: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        return at('(line)', 'expected one JSON object per line');
      v = parsed as Record<string, unknown>;
    } catch (error) {
      return at(
        '(line)',
        `invalid JSON (${(error as Error).message.split('\n')[0]}); each line must be one JSON object`,
      );
    }
    const model = v.model;
    const itemId = v.itemId;
    if (typeof model !== 'string' || !model) at('model', 'required: the model id (a non-empty string)');
    if (typeof itemId !== 'string' || !itemId) at('itemId', 'required: the pair id (a non-empty string)');
    const category = typeof v.category === 'string' ? defaultTaxonomy.category(v.category)?.id : undefined;
    if (!category) at('category', `expected one of ${CATEGORY_IDS.join(', ')}, got ${JSON.stringify(v.category)}`);
    const dim = typeof v.dimension === 'string' ? defaultTaxonomy.dimension(v.dimension) : undefined;
    if (!dim) {
      const hint = typeof v.dimension === 'string' ? defaultTaxonomy.suggestDimension(v.dimension) : undefined;
      at('dimension', `unknown sub-dimension ${JSON.stringify(v.dimension)}${hint ? `; did you mean "${hint}"?` : ''}`);
    } else if (category && dim.category !== category) {
      at('dimension', `"${dim.id}" belongs to ${dim.category}, not ${category}`);
    }
    if (v.round !== 1 && v.round !== 2) at('round', 'expected 1 or 2');
    let outcome: AnswerOutcome = 'scored';
    let score: number | null = null;
    if (v.score !== undefined && v.score !== null) {
      if (typeof v.score !== 'number' || !Number.isInteger(v.score) || v.score < 0 || v.score > 2)
        at('score', `expected 0, 1 or 2, got ${JSON.stringify(v.score)}`);
      else score = v.score;
      if (v.outcome !== undefined && v.outcome !== 'scored')
        at('outcome', 'give either a score or a non-scored outcome, not both');
    } else if (
      typeof v.outcome === 'string' &&
      (ANSWER_OUTCOMES as readonly string[]).includes(v.outcome) &&
      v.outcome !== 'scored'
    ) {
      outcome = v.outcome as AnswerOutcome;
    } else {
      at(
        'score',
        `required: a score (0, 1 or 2), or "outcome": one of ${ANSWER_OUTCOMES.filter((o) => o !== 'scored').join(', ')}`,
      );
    }
    if (v.tags !== undefined && (!Array.isArray(v.tags) || v.tags.some((t) => typeof t !== 'string')))
      at('tags', 'expected an array of strings');
    if (
      typeof model !== 'string' ||
      typeof itemId !== 'string' ||
      !category ||
      !dim ||
      (v.round !== 1 && v.round !== 2)
    )
      return;
    const key = `${model}\u0000${itemId}\u0000${v.round}`;
    if (seen.has(key))
      return at(
        'itemId',
        `duplicate judgment for model "${model}", item "${itemId}", round ${v.round} (first on line ${seen.get(key)})`,
      );
    seen.set(key, line);
    if (Array.isArray(v.tags))
      for (const t of v.tags as string[]) (tags.get(model) ?? tags.set(model, new Set()).get(model)!).add(t);
    if (!tags.has(model)) tags.set(model, new Set());
    rows.push({
      model,
      itemId,
      category: category as CategoryId,
      dimension: dim.id,
      round: v.round,
      outcome,
      score: outcome === 'scored' ? score : null,
      text: '',
      judgments: [],
    });
  });
  if (problems.length) throw new JudgmentsFileError(problems);
  if (!rows.length) throw new JudgmentsFileError([`${file}: no judgments found`]);
  const now = new Date().toISOString();
  const models = [...tags.entries()].map(([id, t]) => ({
    id,
    adapter: { name: 'external', version: '0', packageName: 'external' },
    tags: [...t],
  }));
  return buildResults({
    rows,
    models,
    ...bootstrapScoring(options.bootstrapIterations),
    manifest: {
      toolVersion: toolVersion(),
      createdAt: now,
      status: 'complete',
      dataset: {
        ref: file,
        fingerprint: `sha256:${createHash('sha256').update(text).digest('hex')}`,
        items: new Set(rows.map((r) => r.itemId)).size,
        itemsRun: new Set(rows.map((r) => r.itemId)).size,
      },
      adapters: [],
      models: models.map((m) => ({ id: m.id, adapter: 'external@0', tags: m.tags, config: null, params: {} })),
      judges: [],
      judge: null,
      policies: DEFAULT_POLICIES,
      timings: { startedAt: now, finishedAt: now, durationMs: 0, perModel: {} },
      usage: { models: {}, judges: {} },
      stops: [],
      commandLine: [],
    },
  });
}
