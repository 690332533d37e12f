import type { DatasetItem } from '../dataset/types.js';
import type { ItemLookup } from '../engine/item-spool.js';
import type { AnswerRow } from '../engine/types.js';
import { LeaderboardAccumulator } from '@sc-safety/results';
import type { LeaderboardSectionOptions } from '@sc-safety/results';
import { buildOverRefusal, withOverRefusal } from '@sc-safety/results';
import { buildAdaptiveLeaderboard, type AdaptiveRecord } from '@sc-safety/results';
import { adaptiveRecordOf } from './adaptive-record.js';
import type { ScoreRecord } from '@sc-safety/results';
import { DEFAULT_RUBRIC } from '@sc-safety/results';
import { validateScoreRecords } from '@sc-safety/results';
import { isContrastItem } from '../engine/contrast-items.js';
import { toResultsAnswer, toScoreRecord } from './answer-record.js';
import { RESULTS_FORMAT, RESULTS_SCHEMA_VERSION } from '@sc-safety/results';
import type { AnswerSequence, ResultsAnswer, ResultsDocument, ResultsFile, RunManifest } from '@sc-safety/results';

/** Answer rows as the exports read them: in order, as often as needed, with their count. */
export interface RowSource extends Iterable<AnswerRow> {
  readonly length: number;
}

/** A model under test as {@link buildResults} needs it. */
export interface ResultsModelInput {
  id: string;
  adapter: { name: string; version: string; packageName: string };
  tags?: readonly string[];
  /** The system prompt that replaced the items' own in this model's calls (its `system` setting). */
  system?: string;
}

/** Input of {@link buildResults}. */
export interface BuildResultsInput {
  /** The engine's rows: one per model × item × round, in the order they should be listed (an array or a {@link RowSource} read from disk). */
  rows: RowSource;
  /** Every model of the run, in leaderboard tie-break order; models without rows are listed with null scores. */
  models: readonly ResultsModelInput[];
  manifest: RunManifest;
  /** Rubric, taxonomy, bootstrap (or `false`) and board settings for the leaderboard. */
  scoring?: LeaderboardSectionOptions;
  /** Judge-panel agreement statistics, passed through as they are. */
  agreement?: object | null;
  /** The dataset items (or a lookup by id, e.g. an `ItemSpool`): every answer's `prompt` and `system` come from its item. */
  items?: readonly DatasetItem[] | ItemLookup;
  /**
   * An adaptive run (`manifest.followups`): its answers are scored on `adaptiveLeaderboard` only,
   * never on the frozen `leaderboard` (which then lists the models with no answers).
   */
  adaptive?: { turns: number };
}

/** `name@version`: how results.json names an adapter. */
export function adapterRef(adapter: { name: string; version: string }): string {
  return `${adapter.name}@${adapter.version}`;
}

/**
 * Builds results.json's content from the engine's answer rows: the manifest as given, the model
 * list, every answer (with its transcript fields), the leaderboard section scored
 * from the rows (docs/benchmark.md §4 pooled formulas, bootstrap intervals, the authors' boards) and the
 * panel's agreement statistics.
 *
 * @throws {ScoringInputError} when a row cannot be scored (unknown outcome, a score on an unscored
 *   outcome, a duplicate model × item × round, a model missing from `models`).
 */
export function buildResults(input: BuildResultsInput): ResultsFile {
  const document = buildResultsDocument(input);
  return { ...document, answers: [...document.answers] };
}

/**
 * {@link buildResults} without building the answers: `answers` is a sequence that turns each row
 * into its results.json form as it is read, so a big run's answers are produced one at a time
 * while the exports stream them. The leaderboard is computed here, from compact score records.
 */
export function buildResultsDocument(input: BuildResultsInput): ResultsDocument {
  return resultsDocumentOf(input, scoreResultRows(input));
}

/** What {@link scoreResultRows} needs: everything of {@link BuildResultsInput} but the manifest and agreement. */
export type ScoreRowsInput = Omit<BuildResultsInput, 'manifest' | 'agreement'>;

/** The boards scored from a run's rows: the part of results.json that needs every row. */
export interface ScoredRows {
  leaderboard: ResultsDocument['leaderboard'];
  adaptiveLeaderboard?: ResultsDocument['adaptiveLeaderboard'];
}

/**
 * Scores the rows (leaderboard, over-refusal, epochs, adaptive board) in one pass over them. A
 * caller that tallies the rows too (the run's manifest) uses {@link RowScorer} in its own pass.
 *
 * @throws {ScoringInputError} as {@link buildResults} does.
 */
export function scoreResultRows(input: ScoreRowsInput): ScoredRows {
  const scorer = new RowScorer(input);
  for (const row of input.rows) scorer.add(row);
  return scorer.finish();
}

/**
 * {@link scoreResultRows} a row at a time, for a pass that does other work between rows (tallies,
 * giving the event loop a turn). Rows are kept only as counts and compact per-item numbers
 * (`LeaderboardAccumulator`), never as a list: a run of a million answers is scored in megabytes.
 */
export class RowScorer {
  readonly #shapes: ItemShapeLookup | undefined;
  readonly #section: LeaderboardAccumulator;
  // Contrast answers (over-refusal) are scored apart and never enter a safety score or board.
  readonly #contrastRecords: ScoreRecord[] = [];
  readonly #adaptiveRecords: AdaptiveRecord[] = [];

  /** @throws {RangeError} for a rubric that is not two integers with min < max. */
  constructor(private readonly input: Omit<ScoreRowsInput, 'rows'>) {
    const shapes = itemShapeLookup(input.items);
    this.#shapes = shapes;
    this.#section = new LeaderboardAccumulator(modelInfos(input.models), {
      ...input.scoring,
      // Single-turn items are known from the dataset, not guessed from missing rows (an interrupted
      // run also lacks round-2 rows); asked once per item, when its first row comes.
      ...(shapes !== undefined ? { isSingleTurn: shapes.singleTurn } : {}),
    });
  }

  /**
   * Takes one row's score record.
   *
   * @throws {ScoringInputError} when the row cannot be scored (see {@link buildResults}).
   */
  add(row: AnswerRow): void {
    if (row.contrast === true || this.#shapes?.contrast(row.itemId) === true) {
      this.#contrastRecords.push(toScoreRecord(row));
      return;
    }
    if (this.input.adaptive) {
      this.#adaptiveRecords.push(adaptiveRecordOf(row));
      return;
    }
    this.#section.add(toScoreRecord(row));
  }

  /**
   * The boards of every row added.
   *
   * @throws {ScoringInputError} as {@link buildResults} does.
   */
  finish(): ScoredRows {
    const steps = this.finishSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** {@link finish} in steps: yields between bootstrap resamples (a caller keeping its event loop live pauses there). */
  *finishSteps(): Generator<void, ScoredRows> {
    const { input } = this;
    let leaderboard = yield* this.#section.finishSteps();
    if (this.#contrastRecords.length > 0) {
      validateScoreRecords(this.#contrastRecords, input.scoring?.rubric ?? DEFAULT_RUBRIC);
      const overRefusal = buildOverRefusal(
        this.#contrastRecords,
        input.models.map((m) => m.id),
        {
          ...(input.scoring?.rubric ? { rubric: input.scoring.rubric } : {}),
          ...(input.scoring?.bootstrap !== undefined ? { bootstrap: input.scoring.bootstrap } : {}),
        },
      );
      leaderboard = withOverRefusal(leaderboard, overRefusal);
    }
    const spread = this.#section.epochSpread();
    if (Object.keys(spread).length > 0) leaderboard = { ...leaderboard, epochs: { models: spread } };
    const adaptiveLeaderboard = input.adaptive
      ? buildAdaptiveLeaderboard(this.#adaptiveRecords, modelInfos(input.models), {
          turns: input.adaptive.turns,
          ...(input.scoring?.rubric ? { rubric: input.scoring.rubric } : {}),
        })
      : undefined;
    return { leaderboard, ...(adaptiveLeaderboard ? { adaptiveLeaderboard } : {}) };
  }
}

/** The models as the leaderboards take them: id and tags. */
function modelInfos(models: readonly ResultsModelInput[]): { id: string; tags: string[] }[] {
  return models.map((m) => ({ id: m.id, tags: [...(m.tags ?? [])] }));
}

/**
 * results.json's content from the input and its scored rows; the answers are built from the rows
 * as they are read, unless they are given (already rendered: an `AnswerSpool`).
 */
export function resultsDocumentOf(
  input: BuildResultsInput,
  scored: ScoredRows,
  rendered?: AnswerSequence,
): ResultsDocument {
  const itemOf = itemLookup(input.items);
  const systemByModel = new Map(input.models.map((m) => [m.id, m.system]));
  const rows = input.rows;
  const answers: AnswerSequence = rendered ?? {
    get length() {
      return rows.length;
    },
    *[Symbol.iterator](): Iterator<ResultsAnswer> {
      for (const row of rows) yield toResultsAnswer(row, itemOf(row.itemId), systemByModel.get(row.model));
    },
  };
  return {
    format: RESULTS_FORMAT,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    manifest: input.manifest,
    models: input.models.map((m) => ({ id: m.id, adapter: adapterRef(m.adapter), tags: [...(m.tags ?? [])] })),
    answers,
    leaderboard: scored.leaderboard,
    agreement: input.agreement ?? null,
    ...(scored.adaptiveLeaderboard ? { adaptiveLeaderboard: scored.adaptiveLeaderboard } : {}),
  };
}

/** What the scoring asks of an item by id: whether it is single-turn, whether it is a contrast item. */
interface ItemShapeLookup {
  singleTurn(id: string): boolean;
  contrast(id: string): boolean;
}

/** An item spool keeps each item's shape in memory: asked without reading the item. */
interface ItemShapes {
  indexOf(id: string): number | undefined;
  shapeAt(index: number): { turns: number; contrast: boolean };
}

function itemShapeLookup(items: BuildResultsInput['items']): ItemShapeLookup | undefined {
  if (items === undefined) return undefined;
  if (hasShapes(items)) {
    const shapeOf = (id: string) => {
      const index = items.indexOf(id);
      return index === undefined ? undefined : items.shapeAt(index);
    };
    return { singleTurn: (id) => shapeOf(id)?.turns === 1, contrast: (id) => shapeOf(id)?.contrast === true };
  }
  const itemOf = itemLookup(items);
  return {
    singleTurn: (id) => itemOf(id)?.turns.length === 1,
    contrast: (id) => {
      const item = itemOf(id);
      return item !== undefined && isContrastItem(item);
    },
  };
}

function hasShapes(items: object): items is ItemShapes {
  return typeof (items as Partial<ItemShapes>).shapeAt === 'function';
}

/** Finds an item by id in an array (indexed once) or an {@link ItemLookup}. */
function itemLookup(items: BuildResultsInput['items']): (id: string) => DatasetItem | undefined {
  if (items === undefined) return () => undefined;
  if (isLookup(items)) return (id) => items.byId(id);
  const byId = new Map(items.map((item) => [item.id, item]));
  return (id) => byId.get(id);
}

function isLookup(items: readonly DatasetItem[] | ItemLookup): items is ItemLookup {
  return typeof (items as Partial<ItemLookup>).byId === 'function';
}
