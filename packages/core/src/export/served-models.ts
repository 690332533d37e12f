import type { ServedModelV1 } from '@sc-safety/spec';
import type { AnswerRow } from '../engine/types.js';
import type { ManifestServedModel, ManifestServedVersion } from '@sc-safety/results';

const FIELDS = ['id', 'fingerprint', 'digest', 'path'] as const;

/** One model's served versions so far, keyed by their fields. */
interface Tally {
  versions: Map<string, ManifestServedVersion>;
  unreported: number;
}

/**
 * Collects, row by row, what each model's vendor reported as answering (`servedModel`) and, from
 * the judgments, what each judge's did: the manifest's per-model summary (distinct versions with
 * counts, and whether the model changed mid-run) and the served ids the judge-is-target check compares.
 */
export class ServedModelTally {
  readonly #models = new Map<string, Tally>();
  readonly #judgeIds = new Map<string, Set<string>>();

  /** @param models Every model under test, so a model without rows is listed too. */
  constructor(models: readonly string[]) {
    for (const id of models) this.#models.set(id, { versions: new Map(), unreported: 0 });
  }

  add(row: AnswerRow): void {
    const tally = this.#models.get(row.model);
    if (tally !== undefined) {
      if (row.servedModel === undefined) tally.unreported++;
      else {
        const key = versionKey(row.servedModel);
        const version = tally.versions.get(key);
        if (version === undefined) tally.versions.set(key, { ...pick(row.servedModel), answers: 1 });
        else version.answers++;
      }
    }
    for (const judgment of row.judgments) {
      const id = judgment.servedModel?.id;
      if (id === undefined) continue;
      let ids = this.#judgeIds.get(judgment.judgeId);
      if (ids === undefined) this.#judgeIds.set(judgment.judgeId, (ids = new Set()));
      ids.add(id);
    }
  }

  /** The manifest's `servedModels`: per model, versions (most answers first) and the change flag. */
  summary(): Record<string, ManifestServedModel> {
    const out: Record<string, ManifestServedModel> = {};
    for (const [model, tally] of this.#models) {
      const versions = [...tally.versions.values()].sort((a, b) => b.answers - a.answers);
      out[model] = { versions, unreported: tally.unreported, changed: changed(versions) };
    }
    return out;
  }

  /** The served ids each judge's vendor reported. */
  judgeServedIds(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.#judgeIds;
  }
}

/**
 * Changed means two answers disagree on a field both report: a second id, fingerprint, digest or
 * path. An answer that leaves a field out (a vendor that sends `system_fingerprint: null` now and
 * then) is not a change.
 */
function changed(versions: readonly ServedModelV1[]): boolean {
  return FIELDS.some((field) => new Set(versions.map((v) => v[field]).filter((v) => v !== undefined)).size > 1);
}

function pick(served: ServedModelV1): ServedModelV1 {
  const out: ServedModelV1 = {};
  for (const field of FIELDS) if (served[field] !== undefined) out[field] = served[field];
  return out;
}

/** One string per distinct version: each field's value (or its absence), NUL-separated (this runs once per answer). */
function versionKey(served: ServedModelV1): string {
  const part = (value: string | undefined) => (value === undefined ? '\u0001' : `=${value}`);
  return `${part(served.id)}\u0000${part(served.fingerprint)}\u0000${part(served.digest)}\u0000${part(served.path)}`;
}

/** A short human form of a served version: `id (fingerprint; digest 1a2b3c4d…; path)`. */
export function describeServedVersion(version: ServedModelV1): string {
  const extra = [
    version.fingerprint,
    version.digest === undefined
      ? undefined
      : `digest ${version.digest.length > 12 ? `${version.digest.slice(0, 12)}…` : version.digest}`,
    version.path,
  ].filter((part): part is string => part !== undefined);
  const head = version.id ?? version.path ?? '(no id)';
  const rest = version.id === undefined ? extra.filter((part) => part !== version.path) : extra;
  return rest.length === 0 ? head : `${head} (${rest.join('; ')})`;
}
