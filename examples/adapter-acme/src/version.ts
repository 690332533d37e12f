import { createRequire } from 'node:module';

/** This package's version, read from package.json so a release can never leave it stale. */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
