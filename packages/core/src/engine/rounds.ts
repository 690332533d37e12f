/**
 * How many turns of an item a run asks: round 1 sends the first, round 2 the second (with the
 * model's own first answer). Turns past these are not asked.
 */
export const ROUNDS_ASKED = 2;
