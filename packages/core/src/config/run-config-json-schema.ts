import { z } from 'zod';
import { runConfigSchema } from './run-config-schema.js';

export { runConfigSchema, runConfigShape, type RunConfigSchemaOptions } from './run-config-schema.js';

/**
 * The JSON Schema (draft-07) of run configs, generated from the zod schema the loader validates
 * with, for editors (`# yaml-language-server: $schema=…`). It describes the input as written:
 * optional keys stay optional. Checks a JSON Schema cannot state (a builtin dataset exists, unique
 * ids, adapter fields, preset ranges) are the loader's alone.
 */
export function runConfigJsonSchema(): Record<string, unknown> {
  const schema = runConfigSchema().meta({ not: { required: ['judge', 'judges'] } });
  return z.toJSONSchema(schema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: allowEnvNumbers,
  }) as Record<string, unknown>;
}

/** `${NAME}` or `${NAME:-default}`, the whole value: the loader reads such text as the number it expands to. */
const ENV_REFERENCE = { type: 'string', pattern: '^\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}$' };

// A number may be written as `${VAR}` (`concurrency: ${CONC}`); without this an editor would flag it.
function allowEnvNumbers(ctx: { jsonSchema: Record<string, unknown> }): void {
  const schema = ctx.jsonSchema;
  if (schema.type !== 'number' && schema.type !== 'integer') return;
  const { description, ...number } = schema;
  for (const key of Object.keys(schema)) delete schema[key];
  Object.assign(schema, description === undefined ? {} : { description }, { anyOf: [number, ENV_REFERENCE] });
}
