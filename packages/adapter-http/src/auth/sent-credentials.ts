import { isSecretHeaderName, isSecretName } from '@sc-safety/adapter-utils';
import type { OutgoingRequest } from './types.js';

/**
 * The credentials one call actually sends, as the adapter knows them once the request is
 * authorised: credential-named header values (whole, without their scheme, and the `Signature=` /
 * `Credential=` parts inside them) and credential-named query parameters (`access_token`, Spark's
 * signed `authorization`). Per-call values such as a fresh JWT or a TC3 signature are in no
 * plugin's fixed `secrets`, yet a vendor may echo them back.
 */
export function sentCredentials(request: OutgoingRequest): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (!isSecretHeaderName(name) || value.trim() === '') continue;
    found.add(value);
    const afterScheme = /^\S+\s+(\S.*)$/.exec(value)?.[1];
    if (afterScheme !== undefined) found.add(afterScheme);
    for (const part of value.split(/[\s,;]+/)) {
      const eq = part.indexOf('=');
      if (eq > 0 && eq < part.length - 1 && isSecretName(part.slice(0, eq))) found.add(part.slice(eq + 1));
    }
  }
  for (const [name, value] of request.url.searchParams) {
    if (isSecretName(name) && value !== '') found.add(value);
  }
  return [...found];
}
