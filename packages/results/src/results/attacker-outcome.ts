/**
 * What became of one attacker call. `ok` is the only outcome that yields a follow-up; every other
 * one is recorded on the item and counted, and the item's later turns are not asked: there is never
 * a fallback follow-up.
 *
 * - `attacker_refused`: the attacker declined (`<拒绝/>` or a refusal such as “我不能帮你写…”).
 * - `attacker_empty`: no text, or empty tags.
 * - `attacker_echo`: the follow-up repeats the question (near-identical text).
 * - `attacker_too_long`: the follow-up is over the length cap.
 * - `attacker_unparseable`: text, but no follow-up in the required tags and no recognisable refusal.
 * - `attacker_blocked`: the attacker's vendor filtered the request or the reply.
 * - `attacker_error`: the call failed after its retries (not stored: a later invocation asks again).
 */
export type AttackerOutcome =
  | 'ok'
  | 'attacker_refused'
  | 'attacker_empty'
  | 'attacker_echo'
  | 'attacker_too_long'
  | 'attacker_unparseable'
  | 'attacker_blocked'
  | 'attacker_error';

/** Every outcome, in the order summaries list them. */
export const ATTACKER_OUTCOMES: readonly AttackerOutcome[] = [
  'ok',
  'attacker_refused',
  'attacker_empty',
  'attacker_echo',
  'attacker_too_long',
  'attacker_unparseable',
  'attacker_blocked',
  'attacker_error',
];
