import type { AuthSpec } from '../template/types.js';
import type { AuthPlugin } from './types.js';

/** The built-in schemes (`bearer`, `header`, `query`, `none`) as a plugin. */
export function staticAuth(spec: Exclude<AuthSpec, { type: 'plugin' }>, apiKey: string | undefined): AuthPlugin {
  return {
    secrets: apiKey === undefined ? [] : [apiKey],
    authorize(request) {
      if (apiKey === undefined || spec.type === 'none') return;
      if (spec.type === 'bearer') request.headers.authorization = `Bearer ${apiKey}`;
      else if (spec.type === 'header') request.headers[spec.name.toLowerCase()] = `${spec.prefix ?? ''}${apiKey}`;
      else request.url.searchParams.set(spec.name, apiKey);
    },
  };
}
