import { childPath } from './expand-env.js';
import type { RunConfigProblem } from './run-config-error.js';

const LAST_SEGMENT = /(?:\.[^.[]+|\[[^\]]*\])$/;

/**
 * Problems sorted by where they sit in the document (pre-order over the parsed value), so that
 * expansion and validation problems found in separate passes read top to bottom. A problem about
 * a missing field sorts with its nearest present ancestor. The sort is stable.
 */
export function sortByDocumentOrder(problems: readonly RunConfigProblem[], value: unknown): RunConfigProblem[] {
  const ordinal = new Map<string, number>();
  const walk = (node: unknown, at: string): void => {
    ordinal.set(at, ordinal.size);
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, childPath(at, i)));
    else if (typeof node === 'object' && node !== null)
      for (const [key, item] of Object.entries(node)) walk(item, childPath(at, key));
  };
  walk(value, '');
  const rank = (p: RunConfigProblem): number => {
    for (let at = p.path; ; at = at.replace(LAST_SEGMENT, '')) {
      const found = ordinal.get(at);
      if (found !== undefined) return found;
      if (!LAST_SEGMENT.test(at)) return ordinal.get('') ?? 0;
    }
  };
  return problems
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ p }) => p);
}
