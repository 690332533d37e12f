import { createRequire } from 'node:module';

/**
 * This package's version, recorded in every result. Read from package.json (one directory up from
 * both `src/` and `dist/`) so a release bump can never leave it stale.
 */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
