import { useEffect, useState } from 'react';
import type { Direction } from './operations.js';

/**
 * Views live in the URL's hash, so each one can be bookmarked, shared and reached with Back:
 * #/find, #/lot/<code>, #/trace/<FORWARD|BACKWARD>/<code>, #/recall/<code>,<code>…, #/quality,
 * #/recalls (recall cases and mock recalls), #/recalls/<recallId> (one case)
 */
export type Route =
  | { view: 'find' }
  | { view: 'lot'; code: string }
  | { view: 'trace'; direction: Direction; code: string }
  | { view: 'recall'; codes: string[] }
  | { view: 'quality' }
  | { view: 'recalls' }
  | { view: 'case'; recallId: string };

export function parseRoute(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const arg = (i: number) => decodeURIComponent(rest[i] ?? '');
  if (view === 'lot' && rest[0]) return { view, code: arg(0) };
  if (view === 'trace' && (rest[0] === 'FORWARD' || rest[0] === 'BACKWARD') && rest[1]) return { view, direction: rest[0], code: arg(1) };
  if (view === 'quality') return { view };
  if (view === 'recalls') return rest[0] ? { view: 'case', recallId: arg(0) } : { view };
  if (view === 'recall') return { view, codes: (rest[0] ?? '').split(',').filter(Boolean).map(decodeURIComponent) };
  return { view: 'find' };
}

export function href(route: Route): string {
  switch (route.view) {
    case 'find': return '#/find';
    case 'lot': return `#/lot/${encodeURIComponent(route.code)}`;
    case 'trace': return `#/trace/${route.direction}/${encodeURIComponent(route.code)}`;
    case 'recall': return `#/recall/${route.codes.map(encodeURIComponent).join(',')}`;
    case 'quality': return '#/quality';
    case 'recalls': return '#/recalls';
    case 'case': return `#/recalls/${encodeURIComponent(route.recallId)}`;
  }
}

export const go = (route: Route) => {
  location.hash = href(route);
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
