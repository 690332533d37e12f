/**
 * Where the run-config JSON Schema ships, relative to the CLI package root (`files` includes it).
 * Its own module so `init` can name the file without loading the schema's generator (and core).
 */
export const RUN_CONFIG_SCHEMA_FILE = 'schema/run-config.schema.json';
