import { AdapterError, type GenerationParamsV1, type LanguageModelV1 } from '@sc-safety/spec';

/** What a model is to the run: a leaderboard target, a judge, or the attacker that writes follow-ups. */
export type PreflightRole = 'model' | 'judge' | 'attacker';

/** One model to probe before the first paid call. */
export interface PreflightSubject {
  role: PreflightRole;
  id: string;
  /** Where the entry sits in its config (`models[0]`, `judge`, `attacker`). */
  path: string;
  model: LanguageModelV1;
  /**
   * Identifies the endpoint: subjects with the same key share one probe (two leaderboard entries of
   * one vendor model with different sampling settings are one endpoint). Held in memory only: it may
   * contain the key, since a different key is a different login.
   */
  endpointKey: string;
  /** The entry's sampling settings; a 1-token probe sends them with `maxTokens: 1`. */
  params?: GenerationParamsV1;
}

/** The outcome of one probe. */
export interface PreflightProbe {
  role: PreflightRole;
  id: string;
  path: string;
  /** `check`: the adapter's own probe; `generate`: one call capped at one output token. */
  method: 'check' | 'generate';
  ok: boolean;
  /** The adapter error kind (`auth`, `transient`, `timeout`, `invalid_request`, …) when it failed. */
  kind?: string;
  /** Why it failed, redacted. */
  message?: string;
  /** Other subjects on the same endpoint, answered by this probe. */
  shared: string[];
  ms: number;
}

/** Every probe of a preflight, and whether all passed. */
export interface PreflightReport {
  ok: boolean;
  probes: PreflightProbe[];
}

export interface PreflightOptions {
  signal?: AbortSignal;
  /** Applied to every message before it leaves (keys never reach a report). */
  redact?: (text: string) => string;
  /** A probe that takes longer than this fails as `timeout` (default 30 s). */
  timeoutMs?: number;
}

/** The message of a 1-token probe: short, harmless, in the benchmark's language. */
export const PREFLIGHT_PROMPT = '你好';

const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

/**
 * Probes every distinct endpoint once, all at the same time: the adapter's `check()` where it has
 * one, else a single generate capped at one output token (a vendor block counts as reachable: the
 * key and the model name were accepted). Never throws for a failed probe; every failure is in the
 * report, so the caller can list them all at once.
 */
export async function runPreflight(
  subjects: readonly PreflightSubject[],
  options: PreflightOptions = {},
): Promise<PreflightReport> {
  const redact = options.redact ?? ((s: string) => s);
  const groups = new Map<string, PreflightSubject[]>();
  for (const s of subjects) {
    const key = `${s.role === 'model' ? 'target' : 'helper'}\u0000${s.endpointKey}`;
    // A judge and a target on the same endpoint are still probed apart: their lines read differently.
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const probes = await Promise.all(
    [...groups.values()].map(async (group) => {
      const first = group[0]!;
      const started = Date.now();
      const method = first.model.check ? ('check' as const) : ('generate' as const);
      const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
      const signal = options.signal
        ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs);
      const base = {
        role: first.role,
        id: first.id,
        path: first.path,
        method,
        shared: group.slice(1).map((s) => s.id),
      };
      try {
        await probe(first, signal);
        return { ...base, ok: true, ms: Date.now() - started };
      } catch (error) {
        const { kind, message } = describeFailure(error, signal, timeoutMs);
        return { ...base, ok: false, kind, message: redact(message), ms: Date.now() - started };
      }
    }),
  );
  return { ok: probes.every((p) => p.ok), probes };
}

async function probe(subject: PreflightSubject, signal: AbortSignal): Promise<void> {
  if (subject.model.check) {
    await subject.model.check({ signal });
    return;
  }
  await subject.model.generate({
    messages: [{ role: 'user', content: PREFLIGHT_PROMPT }],
    params: { ...subject.params, maxTokens: 1 },
    signal,
  });
}

function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): { kind: string; message: string } {
  if (AdapterError.isInstance(error)) {
    const status = error.status !== undefined ? ` (HTTP ${error.status})` : '';
    return { kind: error.kind, message: `${error.message}${status}` };
  }
  if (signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError') {
    return { kind: 'timeout', message: `no answer within ${Math.round(timeoutMs / 1000)} s` };
  }
  return { kind: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}

/** What to do about a failed probe, by error kind. */
export function preflightHint(kind: string | undefined): string {
  switch (kind) {
    case 'auth':
      return "check the API key (apiKey, or the preset's key variable)";
    case 'quota_exhausted':
      return 'the account has no balance or quota left';
    case 'invalid_request':
      return 'check "model" (the vendor\'s model id) and "params"';
    case 'timeout':
    case 'transient':
      return 'check baseURL and that the server is running';
    case 'rate_limited':
      return 'the vendor is rate limiting; try again shortly or lower concurrency / rpm';
    default:
      return 'see the message';
  }
}

/** The lines a failed preflight prints: one per failed probe, with what to do. */
export function renderPreflightProblems(report: PreflightReport): string[] {
  return report.probes
    .filter((p) => !p.ok)
    .map((p) => {
      const also = p.shared.length > 0 ? ` (also ${p.shared.join(', ')})` : '';
      return `${p.role} ${p.id}${also} [${p.path}]: ${p.kind ?? 'error'}: ${p.message ?? ''} — ${preflightHint(p.kind)}`;
    });
}

/** A preflight found problems: nothing was spent; every problem is listed. */
export class PreflightFailedError extends Error {
  readonly code = 'preflight_failed';
  constructor(readonly report: PreflightReport) {
    const lines = renderPreflightProblems(report);
    super(
      `preflight failed: ${lines.length} of ${report.probes.length} probe${report.probes.length === 1 ? '' : 's'} failed; no benchmark call was made\n` +
        lines.map((l) => `  ${l}`).join('\n') +
        '\n(--no-preflight skips these probes)',
    );
    this.name = 'PreflightFailedError';
  }
}
