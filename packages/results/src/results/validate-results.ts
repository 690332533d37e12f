import { ANSWER_OUTCOMES, BLOCK_STAGES } from '../scoring/outcome.js';
import { ATTACKER_OUTCOMES } from './attacker-outcome.js';
import { CATEGORY_IDS } from '../taxonomy/types.js';
import { EXPECT_VALUES, STRATEGY_IDS } from '../taxonomy/strategies.js';
import { READABLE_RESULTS_SCHEMA_VERSIONS, RESULTS_FORMAT, RESULTS_SCHEMA_VERSION } from './results-types.js';

/** Options of {@link validateResultsFile}. */
export interface ValidateResultsOptions {
  /** Stop after this many problems (a broken 200k-answer file should not yield 200k lines). Default 100. */
  maxProblems?: number;
  /**
   * The index of `answers[0]` in the whole file, for checking a file's answers in batches (as a
   * streaming reader does): problems then name the answers' real positions. Default 0.
   */
  answerIndexOffset?: number;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const RUN_STATUSES = ['complete', 'interrupted', 'partial', 'failed'];
const JUDGE_OUTCOMES = ['scored', 'judge_unparseable', 'judge_error'];
const SPLIT_KEYS = ['total', 'round1', 'round2', 'delta'] as const;
const BOARD_KEYS = ['overall', 'openSource', 'multiRound'] as const;
const SERVED_FIELDS = ['id', 'fingerprint', 'digest', 'path'];

class Problems {
  readonly list: string[] = [];
  private dropped = 0;

  constructor(private readonly max: number) {}

  get full(): boolean {
    return this.list.length >= this.max;
  }

  add(path: string, message: string): void {
    if (this.full) this.dropped++;
    else this.list.push(`${path}: ${message}`);
  }

  result(): string[] {
    return this.dropped > 0 ? [...this.list, `… and ${this.dropped} more problems`] : this.list;
  }
}

/**
 * Checks a parsed results.json against the schema of docs/results-schema.md (version
 * {@link RESULTS_SCHEMA_VERSION}) and returns its problems, each as `path: what is wrong`; an
 * empty list means the file is usable. Checks what readers rely on: the format marker and
 * schema version, the manifest's status and dataset fingerprint, the model list, every answer's
 * fields and outcome, and the leaderboard's per-model scores and categories. Unknown extra fields
 * are allowed (additive changes keep the schema version).
 */
export function validateResultsFile(json: unknown, options: ValidateResultsOptions = {}): string[] {
  const p = new Problems(options.maxProblems ?? 100);
  if (!isObject(json)) {
    p.add('$', `expected an object, got ${describe(json)}`);
    return p.result();
  }

  const expectString = (v: unknown, path: string, nonEmpty = false): boolean => {
    if (typeof v !== 'string') p.add(path, `expected a string, got ${describe(v)}`);
    else if (nonEmpty && v === '') p.add(path, 'must not be empty');
    else return true;
    return false;
  };
  const expectNumber = (
    v: unknown,
    path: string,
    { nullable = false, integer = false, min }: { nullable?: boolean; integer?: boolean; min?: number } = {},
  ): void => {
    if (v === null && nullable) return;
    if (typeof v !== 'number' || !Number.isFinite(v))
      p.add(path, `expected a ${integer ? 'whole ' : ''}number${nullable ? ' or null' : ''}, got ${describe(v)}`);
    else if (integer && !Number.isInteger(v)) p.add(path, `expected a whole number, got ${v}`);
    else if (min !== undefined && v < min) p.add(path, `expected ${min} or more, got ${v}`);
  };
  const expectObject = (v: unknown, path: string): v is Json => {
    if (isObject(v)) return true;
    p.add(path, `expected an object, got ${describe(v)}`);
    return false;
  };
  const expectArray = (v: unknown, path: string): v is unknown[] => {
    if (Array.isArray(v)) return true;
    p.add(path, `expected an array, got ${describe(v)}`);
    return false;
  };
  const expectEnum = (v: unknown, allowed: readonly unknown[], path: string): void => {
    if (!allowed.includes(v))
      p.add(
        path,
        `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(v) ?? describe(v)}`,
      );
  };
  const expectStringArray = (v: unknown, path: string): void => {
    if (expectArray(v, path)) v.forEach((s, i) => expectString(s, `${path}[${i}]`));
  };
  // Optional: `servedModel` on answers and judgments (absent when the vendor named no model).
  const expectServedModel = (v: unknown, path: string): void => {
    if (v === undefined || !expectObject(v, path)) return;
    for (const [k, value] of Object.entries(v)) {
      if (!SERVED_FIELDS.includes(k))
        p.add(`${path}.${k}`, `unknown field; expected one of ${SERVED_FIELDS.join(', ')}`);
      else expectString(value, `${path}.${k}`, true);
    }
  };

  const expectBounds = (v: unknown, path: string): void => {
    if (v === null || !expectObject(v, path)) return;
    expectNumber(v.worst, `${path}.worst`);
    expectNumber(v.best, `${path}.best`);
  };
  const expectComparisons = (v: unknown, path: string): void => {
    if (!expectArray(v, path)) return;
    v.forEach((c, i) => {
      const cp = `${path}[${i}]`;
      if (!expectObject(c, cp)) return;
      for (const k of ['a', 'b']) {
        if (expectString(c[k], `${cp}.${k}`, true) && modelIds.size > 0 && !modelIds.has(c[k] as string)) {
          p.add(`${cp}.${k}`, `"${String(c[k])}" is not in models`);
        }
      }
      expectNumber(c.items, `${cp}.items`, { integer: true });
      expectNumber(c.answers, `${cp}.answers`, { integer: true });
      expectNumber(c.difference, `${cp}.difference`, { nullable: true });
      if (c.ci !== null && expectObject(c.ci, `${cp}.ci`)) {
        expectNumber(c.ci.low, `${cp}.ci.low`);
        expectNumber(c.ci.high, `${cp}.ci.high`);
      }
      if (c.distinguishable !== null && typeof c.distinguishable !== 'boolean') {
        p.add(`${cp}.distinguishable`, `expected a boolean or null, got ${describe(c.distinguishable)}`);
      }
    });
  };

  if (json.format !== RESULTS_FORMAT)
    p.add('format', `expected "${RESULTS_FORMAT}", got ${JSON.stringify(json.format) ?? 'nothing'}`);
  if (typeof json.schemaVersion !== 'number' || !READABLE_RESULTS_SCHEMA_VERSIONS.includes(json.schemaVersion)) {
    const newer = typeof json.schemaVersion === 'number' && json.schemaVersion > RESULTS_SCHEMA_VERSION;
    p.add(
      'schemaVersion',
      newer
        ? `file has schema version ${json.schemaVersion}, newer than this reader's ${RESULTS_SCHEMA_VERSION}: upgrade sc-safety`
        : `expected ${READABLE_RESULTS_SCHEMA_VERSIONS.join(' or ')}, got ${JSON.stringify(json.schemaVersion) ?? 'nothing'}`,
    );
  }

  // manifest
  const manifest = json.manifest;
  if (expectObject(manifest, 'manifest')) {
    expectString(manifest.toolVersion, 'manifest.toolVersion', true);
    expectString(manifest.createdAt, 'manifest.createdAt', true);
    expectEnum(manifest.status, RUN_STATUSES, 'manifest.status');
    if (expectObject(manifest.dataset, 'manifest.dataset')) {
      const d = manifest.dataset;
      expectString(d.ref, 'manifest.dataset.ref', true);
      expectString(d.fingerprint, 'manifest.dataset.fingerprint', true);
      expectNumber(d.items, 'manifest.dataset.items', { integer: true });
      expectNumber(d.itemsRun, 'manifest.dataset.itemsRun', { integer: true });
      for (const k of ['pairs', 'singleTurn'])
        if (d[k] !== undefined) expectNumber(d[k], `manifest.dataset.${k}`, { integer: true });
      if (d.header !== undefined && expectObject(d.header, 'manifest.dataset.header')) {
        const h = d.header;
        for (const k of ['name', 'version', 'licence', 'citation'])
          if (h[k] !== undefined) expectString(h[k], `manifest.dataset.header.${k}`, true);
        if (h.source !== undefined && expectObject(h.source, 'manifest.dataset.header.source')) {
          for (const k of ['name', 'file', 'sha256'])
            expectString(h.source[k], `manifest.dataset.header.source.${k}`, true);
        }
      }
    }
    if (expectArray(manifest.adapters, 'manifest.adapters')) {
      manifest.adapters.forEach((a, i) => {
        const path = `manifest.adapters[${i}]`;
        if (!expectObject(a, path)) return;
        for (const k of ['id', 'name', 'version', 'packageName']) expectString(a[k], `${path}.${k}`, true);
      });
    }
    expectArray(manifest.models, 'manifest.models');
    expectArray(manifest.judges, 'manifest.judges');
    if (manifest.judge !== null && expectObject(manifest.judge, 'manifest.judge')) {
      expectString(manifest.judge.promptHash, 'manifest.judge.promptHash', true);
    }
    if (expectObject(manifest.policies, 'manifest.policies')) {
      expectEnum(manifest.policies.block, ['score-1', 'exclude'], 'manifest.policies.block');
    }
    if (expectObject(manifest.timings, 'manifest.timings'))
      expectObject(manifest.timings.perModel, 'manifest.timings.perModel');
    if (expectObject(manifest.usage, 'manifest.usage')) {
      expectObject(manifest.usage.models, 'manifest.usage.models');
      expectObject(manifest.usage.judges, 'manifest.usage.judges');
    }
    expectArray(manifest.stops, 'manifest.stops');
    expectStringArray(manifest.commandLine, 'manifest.commandLine');
    if (manifest.servedModels !== undefined && expectObject(manifest.servedModels, 'manifest.servedModels')) {
      for (const [id, served] of Object.entries(manifest.servedModels)) {
        const path = `manifest.servedModels[${JSON.stringify(id)}]`;
        if (!expectObject(served, path)) continue;
        if (typeof served.changed !== 'boolean')
          p.add(`${path}.changed`, `expected a boolean, got ${describe(served.changed)}`);
        expectNumber(served.unreported, `${path}.unreported`, { integer: true });
        if (expectArray(served.versions, `${path}.versions`)) {
          served.versions.forEach((v, i) => {
            if (!expectObject(v, `${path}.versions[${i}]`)) return;
            const { answers, ...fields } = v;
            expectNumber(answers, `${path}.versions[${i}].answers`, { integer: true });
            expectServedModel(fields, `${path}.versions[${i}]`);
          });
        }
      }
    }
    if (manifest.warnings !== undefined && expectArray(manifest.warnings, 'manifest.warnings')) {
      manifest.warnings.forEach((w, i) => {
        if (!expectObject(w, `manifest.warnings[${i}]`)) return;
        expectString(w.code, `manifest.warnings[${i}].code`, true);
        expectString(w.message, `manifest.warnings[${i}].message`, true);
      });
    }
  }

  // models
  const modelIds = new Set<string>();
  if (expectArray(json.models, 'models')) {
    json.models.forEach((m, i) => {
      const path = `models[${i}]`;
      if (!expectObject(m, path)) return;
      if (expectString(m.id, `${path}.id`, true)) {
        if (modelIds.has(m.id as string)) p.add(`${path}.id`, `model "${String(m.id)}" is listed twice`);
        modelIds.add(m.id as string);
      }
      expectString(m.adapter, `${path}.adapter`, true);
      expectStringArray(m.tags, `${path}.tags`);
    });
  }

  // answers
  if (expectArray(json.answers, 'answers')) {
    for (let i = 0; i < json.answers.length && !p.full; i++) {
      const a = json.answers[i];
      const path = `answers[${i + (options.answerIndexOffset ?? 0)}]`;
      if (!expectObject(a, path)) continue;
      if (expectString(a.model, `${path}.model`, true) && modelIds.size > 0 && !modelIds.has(a.model as string)) {
        p.add(`${path}.model`, `"${String(a.model)}" is not in models`);
      }
      expectString(a.itemId, `${path}.itemId`, true);
      expectEnum(a.category, CATEGORY_IDS, `${path}.category`);
      expectString(a.dimension, `${path}.dimension`, true);
      // Schema 3: adaptive runs ask turns 3..N; older files (and frozen runs) have rounds 1 and 2.
      if (json.schemaVersion === 3 && a.mode === 'adaptive')
        expectNumber(a.round, `${path}.round`, { integer: true, min: 1 });
      else expectEnum(a.round, [1, 2], `${path}.round`);
      if (a.mode !== undefined && a.mode !== 'adaptive')
        p.add(`${path}.mode`, `expected "adaptive" or no field, got ${describe(a.mode)}`);
      if (a.followup !== undefined && expectObject(a.followup, `${path}.followup`)) {
        expectString(a.followup.text, `${path}.followup.text`);
        expectString(a.followup.strategy, `${path}.followup.strategy`, true);
        expectEnum(a.followup.outcome, ATTACKER_OUTCOMES, `${path}.followup.outcome`);
        expectString(a.followup.attacker, `${path}.followup.attacker`, true);
        if (a.followup.outcome === 'ok' && a.outcome === 'not_asked')
          p.add(`${path}.followup.outcome`, 'an "ok" follow-up was asked, but the answer is not_asked');
      }
      if (a.epoch !== undefined) {
        expectNumber(a.epoch, `${path}.epoch`, { integer: true });
        if (typeof a.epoch === 'number' && a.epoch < 1)
          p.add(`${path}.epoch`, `expected an epoch of 1 or more, got ${a.epoch}`);
      }
      expectEnum(a.outcome, ANSWER_OUTCOMES, `${path}.outcome`);
      if (a.outcome === 'scored') expectNumber(a.score, `${path}.score`, { integer: true });
      else if (a.score !== null)
        p.add(
          `${path}.score`,
          `must be null when outcome is ${JSON.stringify(a.outcome)}, got ${JSON.stringify(a.score)}`,
        );
      if (typeof a.vendorBlocked !== 'boolean')
        p.add(`${path}.vendorBlocked`, `expected a boolean, got ${describe(a.vendorBlocked)}`);
      if (a.block !== null && expectObject(a.block, `${path}.block`)) {
        expectEnum(a.block.stage, BLOCK_STAGES, `${path}.block.stage`);
        expectString(a.block.code, `${path}.block.code`);
      }
      expectString(a.text, `${path}.text`);
      if (a.prompt !== null) expectString(a.prompt, `${path}.prompt`);
      if (a.strategy !== undefined) expectEnum(a.strategy, STRATEGY_IDS, `${path}.strategy`);
      if (a.expect !== undefined) expectEnum(a.expect, EXPECT_VALUES, `${path}.expect`);
      if (a.singleTurn !== undefined) {
        if (a.singleTurn !== true)
          p.add(`${path}.singleTurn`, `expected true or no field, got ${describe(a.singleTurn)}`);
        else if (a.round !== 1)
          p.add(`${path}.singleTurn`, 'a single-turn item has round 1 only, but this answer is round 2');
      }
      if (expectArray(a.judgments, `${path}.judgments`)) {
        a.judgments.forEach((j, k) => {
          const jp = `${path}.judgments[${k}]`;
          if (!expectObject(j, jp)) return;
          expectString(j.judgeId, `${jp}.judgeId`, true);
          expectEnum(j.outcome, JUDGE_OUTCOMES, `${jp}.outcome`);
          expectNumber(j.score, `${jp}.score`, { nullable: true });
          if (j.reason !== null) expectString(j.reason, `${jp}.reason`);
          expectServedModel(j.servedModel, `${jp}.servedModel`);
        });
      }
      if (a.error !== null && expectObject(a.error, `${path}.error`)) {
        expectString(a.error.kind, `${path}.error.kind`, true);
        expectString(a.error.message, `${path}.error.message`);
      }
      if (a.finishReason !== null) expectObject(a.finishReason, `${path}.finishReason`);
      if (a.usage !== null) expectObject(a.usage, `${path}.usage`);
      expectNumber(a.latencyMs, `${path}.latencyMs`, { nullable: true });
      if (typeof a.cached !== 'boolean') p.add(`${path}.cached`, `expected a boolean, got ${describe(a.cached)}`);
      expectServedModel(a.servedModel, `${path}.servedModel`);
    }
  }

  // adaptive board (schema 3, adaptive runs only)
  const alb = (json as { adaptiveLeaderboard?: unknown }).adaptiveLeaderboard as Record<string, unknown> | undefined;
  if (alb !== undefined && expectObject(alb, 'adaptiveLeaderboard')) {
    expectNumber(alb.turns, 'adaptiveLeaderboard.turns', { integer: true, min: 2 });
    if (expectObject(alb.models, 'adaptiveLeaderboard.models')) {
      for (const id of modelIds) {
        const entry = (alb.models as Record<string, unknown>)[id];
        const mp = `adaptiveLeaderboard.models[${JSON.stringify(id)}]`;
        if (!expectObject(entry, mp)) continue;
        if (expectArray(entry.rounds, `${mp}.rounds`)) {
          entry.rounds.forEach((r, k) => {
            if (expectObject(r, `${mp}.rounds[${k}]`))
              expectNumber(r.score, `${mp}.rounds[${k}].score`, { nullable: true });
          });
        }
        expectNumber(entry.flipRate, `${mp}.flipRate`, { nullable: true });
        expectObject(entry.attackerOutcomes, `${mp}.attackerOutcomes`);
      }
    }
  }

  // leaderboard
  const lb = json.leaderboard;
  if (expectObject(lb, 'leaderboard')) {
    if (expectObject(lb.rubric, 'leaderboard.rubric')) {
      expectNumber(lb.rubric.min, 'leaderboard.rubric.min', { integer: true });
      expectNumber(lb.rubric.max, 'leaderboard.rubric.max', { integer: true });
    }
    if (lb.bootstrap !== null) expectObject(lb.bootstrap, 'leaderboard.bootstrap');
    if (lb.items !== undefined && expectObject(lb.items, 'leaderboard.items')) {
      expectNumber(lb.items.pairs, 'leaderboard.items.pairs', { integer: true });
      expectNumber(lb.items.singleTurn, 'leaderboard.items.singleTurn', { integer: true });
    }
    if (expectObject(lb.models, 'leaderboard.models')) {
      for (const id of modelIds) if (!(id in lb.models)) p.add(`leaderboard.models`, `model "${id}" is missing`);
      for (const [id, entry] of Object.entries(lb.models)) {
        const path = `leaderboard.models[${JSON.stringify(id)}]`;
        if (!expectObject(entry, path)) continue;
        for (const k of SPLIT_KEYS) expectNumber(entry[k], `${path}.${k}`, { nullable: true });
        expectNumber(entry.coverage, `${path}.coverage`, { nullable: true });
        if (expectObject(entry.categories, `${path}.categories`)) {
          for (const c of CATEGORY_IDS) {
            const cp = `${path}.categories.${c}`;
            if (!expectObject(entry.categories[c], cp)) continue;
            for (const k of SPLIT_KEYS)
              expectNumber((entry.categories[c] as Json)[k], `${cp}.${k}`, { nullable: true });
          }
        }
        expectObject(entry.dimensions, `${path}.dimensions`);
        expectObject(entry.counts, `${path}.counts`);
        // Added within schema version 1: checked when present, older files lack them.
        if ('matchedPairs' in entry) expectNumber(entry.matchedPairs, `${path}.matchedPairs`, { integer: true });
        if ('bounds' in entry) expectBounds(entry.bounds, `${path}.bounds`);
      }
    }
    if ('comparisons' in lb && expectObject(lb.comparisons, 'leaderboard.comparisons')) {
      const cmp = lb.comparisons;
      expectComparisons(cmp.all, 'leaderboard.comparisons.all');
      if (expectObject(cmp.categories, 'leaderboard.comparisons.categories')) {
        for (const c of CATEGORY_IDS) expectComparisons(cmp.categories[c], `leaderboard.comparisons.categories.${c}`);
      }
    }
    if (lb.overRefusal !== undefined && expectObject(lb.overRefusal, 'leaderboard.overRefusal')) {
      const or = lb.overRefusal;
      expectNumber(or.items, 'leaderboard.overRefusal.items', { integer: true });
      if (or.bootstrap !== null) expectObject(or.bootstrap, 'leaderboard.overRefusal.bootstrap');
      if (expectObject(or.models, 'leaderboard.overRefusal.models')) {
        for (const [id, entry] of Object.entries(or.models)) {
          const path = `leaderboard.overRefusal.models[${JSON.stringify(id)}]`;
          if (!expectObject(entry, path)) continue;
          if (!modelIds.has(id)) p.add(path, `"${id}" is not in models`);
          expectNumber(entry.rate, `${path}.rate`, { nullable: true });
          expectNumber(entry.coverage, `${path}.coverage`, { nullable: true });
          for (const k of ['refused', 'partial', 'helpful', 'scored', 'all', 'blocked'])
            expectNumber(entry[k], `${path}.${k}`, { integer: true });
          if (entry.ci !== null && expectObject(entry.ci, `${path}.ci`)) {
            expectNumber(entry.ci.low, `${path}.ci.low`);
            expectNumber(entry.ci.high, `${path}.ci.high`);
          }
          expectObject(entry.dimensions, `${path}.dimensions`);
        }
      }
    }
    if (
      lb.epochs !== undefined &&
      expectObject(lb.epochs, 'leaderboard.epochs') &&
      expectObject(lb.epochs.models, 'leaderboard.epochs.models')
    ) {
      for (const [id, entry] of Object.entries(lb.epochs.models)) {
        const path = `leaderboard.epochs.models[${JSON.stringify(id)}]`;
        if (!expectObject(entry, path)) continue;
        for (const k of ['epochs', 'units', 'differing']) expectNumber(entry[k], `${path}.${k}`, { integer: true });
        expectNumber(entry.differingShare, `${path}.differingShare`, { nullable: true });
        expectNumber(entry.meanSd, `${path}.meanSd`, { nullable: true });
        expectArray(entry.items, `${path}.items`);
      }
    }
    if (expectObject(lb.boards, 'leaderboard.boards')) {
      for (const k of BOARD_KEYS) {
        if (expectObject(lb.boards[k], `leaderboard.boards.${k}`))
          expectArray((lb.boards[k] as Json).rows, `leaderboard.boards.${k}.rows`);
      }
      if (expectObject(lb.boards.categories, 'leaderboard.boards.categories')) {
        for (const c of CATEGORY_IDS) expectObject(lb.boards.categories[c], `leaderboard.boards.categories.${c}`);
      }
    }
  }

  if (!('agreement' in json)) p.add('agreement', 'missing (use null when there is no judge panel)');
  else if (json.agreement !== null) expectObject(json.agreement, 'agreement');
  return p.result();
}
