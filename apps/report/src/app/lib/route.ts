/**
 * Hash routes: every view and every filter lives in the URL (`#/transcripts?model=a&lang=en`), so
 * a view can be shared by copying the address, and it works from file:// where paths cannot.
 */
export const VIEWS = ['overview', 'charts', 'transcripts', 'item', 'manifest'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** The item id of `#/item/<id>`. */
  item: string | null;
  /** Query parameters (language, run, board, filters, selection). */
  params: Record<string, string>;
}

/** Reads a location hash; anything unknown falls back to the overview. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const pathPart = q < 0 ? body : body.slice(0, q);
  const query = q < 0 ? '' : body.slice(q + 1);
  const [head = '', ...rest] = pathPart.split('/');
  const view = (VIEWS as readonly string[]).includes(head) ? (head as View) : 'overview';
  let item: string | null = null;
  if (view === 'item' && rest.length > 0) {
    try {
      item = decodeURIComponent(rest.join('/'));
    } catch {
      item = null;
    }
  }
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) if (v !== '') params[k] = v;
  return { view, item, params };
}

/** Writes a route as a hash; empty parameters are left out, keys keep a stable order. */
export function formatHash(route: Route): string {
  const path = route.view === 'item' && route.item !== null ? `item/${encodeURIComponent(route.item)}` : route.view;
  const search = new URLSearchParams();
  for (const key of Object.keys(route.params).sort()) {
    const v = route.params[key];
    if (v !== undefined && v !== '') search.set(key, v);
  }
  const qs = search.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** A route to another view that keeps the language and run. */
export function linkTo(
  current: Route,
  view: View,
  params: Record<string, string | undefined> = {},
  item: string | null = null,
): string {
  const keep: Record<string, string> = {};
  for (const key of ['lang', 'run']) if (current.params[key] !== undefined) keep[key] = current.params[key]!;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) keep[k] = v;
  return formatHash({ view, item, params: keep });
}
