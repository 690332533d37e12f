import type { FakeRespondContext } from '../server-base.js';
import type { FakeScenario, FakeServedModel } from '../types.js';
import { playBrokenAnswer } from './broken-answer.js';
import type { BrokenAnswerWire } from './broken-answer.js';
import type { AnswerScenario } from './text-scenario.js';

/** The scenarios a vendor answers with an error of its own. */
export type ErrorScenario = Extract<
  FakeScenario,
  { kind: 'rate-limit' | 'quota' | 'auth' | 'context-length' | 'server-error' }
>;

/** A `block` scenario. */
export type BlockScenario = Extract<FakeScenario, { kind: 'block' }>;

/** What one fake plays for each kind of scenario in its vendor's wire format; `X` is what it knows of the request. */
export interface ScenarioPlayers<X> {
  /** The model recorded as served before a `text` or `empty` answer, for fakes that know it up front. */
  servedModel?(x: X): FakeServedModel;
  /** A normal answer: `text`, or `empty` (200 with no content). */
  playAnswer(ctx: FakeRespondContext, x: X, scenario: AnswerScenario): void | Promise<void>;
  /** The vendor's error (a 501 from `sendNotExpressible` where it has none). */
  playError(ctx: FakeRespondContext, x: X, scenario: ErrorScenario): void | Promise<void>;
  /** How `malformed-json` and `truncated-stream` are written (built only when one is played). */
  brokenWire(ctx: FakeRespondContext, x: X): BrokenAnswerWire;
  /** A moderation block (a 501 for signals the vendor cannot express). */
  playBlock(ctx: FakeRespondContext, x: X, scenario: BlockScenario): void | Promise<void>;
}

/**
 * Plays the scenario of `ctx` with one fake's `players`: the dispatch every fake shares. `hang`
 * and `reset` are played by the base server and never reach a fake.
 */
export function playScenario<X>(ctx: FakeRespondContext, x: X, players: ScenarioPlayers<X>): void | Promise<void> {
  const { scenario } = ctx;
  switch (scenario.kind) {
    case 'text':
    case 'empty':
      if (players.servedModel) ctx.request.served = players.servedModel(x);
      return players.playAnswer(ctx, x, scenario);
    case 'malformed-json':
    case 'truncated-stream':
      return playBrokenAnswer(ctx, scenario, players.brokenWire(ctx, x));
    case 'block':
      return players.playBlock(ctx, x, scenario);
    case 'hang':
    case 'reset':
      return;
    default:
      return players.playError(ctx, x, scenario);
  }
}
