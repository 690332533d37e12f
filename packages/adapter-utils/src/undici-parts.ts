import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';

/**
 * The files of undici that `createUndiciFetch` uses: the agent (connection pools) and the request
 * API. Importing the package's entry point loads all of undici (fetch, WebSocket, caches, mocks:
 * 120–170 ms of start-up on the bench machine), these two about a third of that. undici has no
 * `exports` map, so these files are public paths. The CLI's bundle reads this list to build its
 * own bundle of them (packages/cli/scripts/bundle-bin.mjs).
 */
export const UNDICI_PART_FILES = {
  Agent: 'undici/lib/dispatcher/agent.js',
  request: 'undici/lib/api/api-request.js',
} as const;

export type UndiciRequest = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

export interface UndiciParts {
  Agent: new (options?: Agent.Options) => Agent;
  request: UndiciRequest;
}

/**
 * Loads the two parts ({@link UNDICI_PART_FILES}); should an undici release move them, the whole
 * package is loaded instead.
 */
export function loadUndiciParts(): UndiciParts {
  const require = createRequire(import.meta.url);
  try {
    return {
      Agent: require(UNDICI_PART_FILES.Agent) as UndiciParts['Agent'],
      request: require(UNDICI_PART_FILES.request) as UndiciRequest,
    };
  } catch {
    const undici = require('undici') as {
      Agent: UndiciParts['Agent'];
      Dispatcher: { prototype: { request: UndiciRequest } };
    };
    return { Agent: undici.Agent, request: undici.Dispatcher.prototype.request };
  }
}
