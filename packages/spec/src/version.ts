/** The contract version this package describes. Adapters declare it; the engine refuses versions it does not know. */
export const SPECIFICATION_VERSION = 'v1' as const;

/** Every contract version an engine built on this package can drive. */
export const SUPPORTED_SPECIFICATION_VERSIONS: readonly string[] = ['v1'];

export type SpecificationVersion = typeof SPECIFICATION_VERSION;
