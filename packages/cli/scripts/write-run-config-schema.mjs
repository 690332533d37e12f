// Writes schema/run-config.schema.json from core's zod run-config schema (run `pnpm build` first).
// A test compares the shipped file with the generated text, so a format change cannot ship stale.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { RUN_CONFIG_SCHEMA_FILE, runConfigSchemaText } = await import('../dist/schema/run-config-schema.js');
const target = path.join(cliDir, RUN_CONFIG_SCHEMA_FILE);
writeFileSync(`${target}.tmp`, await runConfigSchemaText());
renameSync(`${target}.tmp`, target);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
