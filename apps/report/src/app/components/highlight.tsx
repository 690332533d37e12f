import type { ReactNode } from 'react';

/**
 * Text with the search terms marked. Everything stays a text node: the parts are sliced from the
 * string and wrapped in <mark>, never parsed.
 */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0 || text === '') return <>{text}</>;
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let i = 0;
  let key = 0;
  while (i < text.length) {
    let best = -1;
    let len = 0;
    for (const term of terms) {
      const at = lower.indexOf(term, i);
      if (at >= 0 && (best < 0 || at < best || (at === best && term.length > len))) {
        best = at;
        len = term.length;
      }
    }
    if (best < 0 || len === 0) {
      parts.push(text.slice(i));
      break;
    }
    if (best > i) parts.push(text.slice(i, best));
    parts.push(<mark key={key++}>{text.slice(best, best + len)}</mark>);
    i = best + len;
  }
  return <>{parts}</>;
}

export const searchTerms = (query: string | undefined): string[] =>
  (query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
