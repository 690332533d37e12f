export { RUN_CONFIG_SCHEMA_FILE } from './run-config-schema-file.js';

/**
 * The schema file's text, as shipped: generated from core's zod run-config schema (the one the
 * loader validates with), so the editor's checks and the loader's cannot drift apart. Editors use
 * it through the `# yaml-language-server: $schema=…` line that `sc-safety init` writes.
 * Regenerate after a format change: `node packages/cli/scripts/write-run-config-schema.mjs`.
 */
export async function runConfigSchemaText(): Promise<string> {
  // Imported on demand: the schema library is only needed here and where a config is validated.
  const { runConfigJsonSchema } = await import('@sc-safety/core/run-config-schema');
  return JSON.stringify(runConfigJsonSchema(), null, 2) + '\n';
}
