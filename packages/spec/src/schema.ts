/**
 * The minimal validation interface an adapter's `configSchema` implements. Its shape follows the
 * community "Standard Schema" convention (`~standard.validate`), so zod 4, valibot and arktype
 * schemas can be used directly, and a hand-written object works just as well.
 */
export interface ConfigSchemaV1<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => ConfigSchemaResult<Output> | Promise<ConfigSchemaResult<Output>>;
  };
}

export type ConfigSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly ConfigSchemaIssue[] };

export interface ConfigSchemaIssue {
  readonly message: string;
  /** Path of the offending field inside the adapter's config. */
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}
