import { createFakeServerBase } from '../../server-base.js';
import type { FakeRequestContext, FakeRespondContext, FakeServerBase } from '../../server-base.js';
import type { FakeScenario } from '../../types.js';
import { playScenario } from '../../common/play-scenario.js';
import type { ScenarioPlayers } from '../../common/play-scenario.js';

/** Options of an http-vendor fake that serves one POST route behind a bearer key. */
export interface BearerRouteOptions {
  /** When set, `Authorization: Bearer <apiKey>` is required; other requests get the vendor's auth error. */
  apiKey?: string;
  defaultScenario?: FakeScenario;
}

/** How one such vendor answers the requests that never reach a scenario, and plays the ones that do. */
export interface BearerRouteVendor<X> {
  /** The POST route it serves. */
  path: string;
  /** Answers another route or method. */
  notFound(ctx: FakeRequestContext): void;
  /** Answers a missing or wrong key. */
  badKey(ctx: FakeRequestContext): void;
  /** Answers a body that is no valid request and returns true; false for a valid one. */
  badBody(ctx: FakeRequestContext): boolean;
  /** What the answers to the `n`-th played request share (n = 1, 2, …); records the request id. */
  exchange(ctx: FakeRespondContext, n: number): X;
  players: ScenarioPlayers<X>;
}

/**
 * Starts a loopback fake of `vendor`: another route or method gets its not-found answer, a
 * missing or wrong key (when `options.apiKey` is set) its auth error (recorded as `auth`), a bad
 * body its own error; every other request plays a scenario.
 */
export function createBearerRouteFakeServer<X>(
  vendor: BearerRouteVendor<X>,
  options: BearerRouteOptions,
): Promise<FakeServerBase> {
  let seq = 0;
  return createFakeServerBase({
    intercept: (ctx) => {
      const { method, path, headers } = ctx.request;
      if (method !== 'POST' || path !== vendor.path) {
        vendor.notFound(ctx);
        return true;
      }
      if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
        ctx.request.scenario = 'auth';
        vendor.badKey(ctx);
        return true;
      }
      return vendor.badBody(ctx);
    },
    respond: (ctx) => playScenario(ctx, vendor.exchange(ctx, ++seq), vendor.players),
    defaultScenario: options.defaultScenario,
  });
}
