import { useEffect, useReducer } from 'preact/hooks';
import type { Client } from './client';

/** Re-renders the component whenever the client reports a change. */
export function useClient(client: Client | undefined): void {
  const [, tick] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => client?.subscribe(() => tick(undefined)), [client]);
}

export function navigate(path: string): void {
  if (location.pathname !== path) history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function theme(): 'light' | 'dark' {
  const t = localStorage.getItem('parley.theme');
  if (t === 'light' || t === 'dark') return t;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(t: 'light' | 'dark'): void {
  document.documentElement.dataset.theme = t;
}
