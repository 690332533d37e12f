import { readFileSync } from 'node:fs';

/**
 * This package's version. package.json sits one level above both `src/version.ts` and
 * `dist/version.js`; reading it (instead of importing JSON) keeps it out of the emitted tree.
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
