import { describe, expect, it } from 'vitest';
import { distinguishableGroups } from './distinguishable-groups.js';
import type { PairComparison } from './paired-comparison.js';

/** A comparison whose only meaningful field here is `distinguishable`. */
const cmp = (a: string, b: string, distinguishable: boolean | null): PairComparison => ({
  a,
  b,
  items: 1,
  answers: 1,
  difference: 0,
  ci: distinguishable === null ? null : { low: distinguishable ? 1 : -1, high: 1 },
  distinguishable,
});

describe('distinguishableGroups', () => {
  it('starts a new group at a model distinguishable from every model of the current group', () => {
    const list = [
      cmp('A', 'B', false),
      cmp('A', 'C', true),
      cmp('B', 'C', true),
      cmp('A', 'D', true),
      cmp('B', 'D', true),
      cmp('C', 'D', false),
    ];
    expect(distinguishableGroups(['A', 'B', 'C', 'D'], list)).toEqual([1, 1, 2, 2]);
  });

  it('joins a model to the group when it is not distinguishable from any one member (not only the one above)', () => {
    // C differs from B but not from A: it stays in A's group.
    const list = [cmp('A', 'B', false), cmp('A', 'C', false), cmp('B', 'C', true)];
    expect(distinguishableGroups(['A', 'B', 'C'], list)).toEqual([1, 1, 1]);
    // Every pair distinguishable: every model its own group.
    expect(
      distinguishableGroups(['A', 'B', 'C'], [cmp('A', 'B', true), cmp('A', 'C', true), cmp('B', 'C', true)]),
    ).toEqual([1, 2, 3]);
  });

  it('treats a missing interval as not distinguishable', () => {
    expect(distinguishableGroups(['A', 'B'], [cmp('A', 'B', null)])).toEqual([1, 1]);
    expect(distinguishableGroups(['A', 'B'], [])).toEqual([1, 1]);
    expect(distinguishableGroups([], [])).toEqual([]);
  });
});
