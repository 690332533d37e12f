/** Why an adapter reference could not be turned into a usable adapter. */
export type AdapterResolutionErrorCode =
  | 'adapter_not_found'
  | 'adapter_load_failed'
  | 'adapter_invalid_definition'
  | 'adapter_unsupported_specification';

/** An adapter could not be found, loaded, or accepted. The message says what to do about it. */
export class AdapterResolutionError extends Error {
  /** Stable code for programmatic checks; the message is for people. */
  readonly code: AdapterResolutionErrorCode;
  constructor(code: AdapterResolutionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AdapterResolutionError';
    this.code = code;
  }
}

/** One problem found in a model entry by the adapter's config schema. */
export interface AdapterConfigProblem {
  /** Where, in run-config terms, e.g. `models[1].temperature`. */
  path: string;
  message: string;
}

/** A model entry failed its adapter's config schema. The message lists every problem with its path. */
export class AdapterConfigError extends Error {
  readonly code = 'adapter_config_invalid' as const;
  readonly problems: readonly AdapterConfigProblem[];
  constructor(problems: readonly AdapterConfigProblem[], options?: { cause?: unknown; message?: string }) {
    super(
      options?.message ?? problems.map((p) => `${p.path}: ${p.message}`).join('\n'),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AdapterConfigError';
    this.problems = problems;
  }
}
