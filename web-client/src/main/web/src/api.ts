// The Web API, called as any Slack client does: POST /api/<method> with a JSON body and a bearer token.

export class ApiError extends Error {
  constructor(readonly code: string, readonly body?: unknown) {
    super(code);
  }
}

export type Args = Record<string, string | number | boolean | undefined | string[] | object>;

export async function call<T = Record<string, unknown>>(method: string, args: Args = {}, token?: string): Promise<T> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) body[k] = v;
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (token) headers.Authorization = 'Bearer ' + token;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch('/api/' + method, { method: 'POST', headers, body: JSON.stringify(body) });
    } catch {
      throw new ApiError('network_error');
    }
    if (response.status === 429 && attempt < 3) {
      const wait = Number(response.headers.get('Retry-After') ?? '1');
      await new Promise((r) => setTimeout(r, Math.min(wait, 30) * 1000));
      continue;
    }
    let json: { ok?: boolean; error?: string } & Record<string, unknown>;
    try {
      json = await response.json();
    } catch {
      throw new ApiError('http_' + response.status);
    }
    if (!json.ok) throw new ApiError(json.error ?? 'unknown_error', json);
    return json as T;
  }
}

/** A signed-in workspace as kept in local storage: several may be, one is shown. */
export interface Session {
  teamId: string;
  teamName: string;
  userId: string;
  token: string;
  refreshToken: string;
  expiresAt: number;
}

const KEY = 'parley.sessions';
const ACTIVE = 'parley.active';

export function loadSessions(): Session[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function saveSession(s: Session): void {
  const all = loadSessions().filter((x) => !(x.teamId === s.teamId && x.userId === s.userId));
  all.push(s);
  localStorage.setItem(KEY, JSON.stringify(all));
  localStorage.setItem(ACTIVE, s.teamId);
}

export function removeSession(teamId: string): void {
  localStorage.setItem(KEY, JSON.stringify(loadSessions().filter((x) => x.teamId !== teamId)));
  if (localStorage.getItem(ACTIVE) === teamId) localStorage.removeItem(ACTIVE);
}

export function activeTeam(): string | null {
  return localStorage.getItem(ACTIVE);
}

export function setActiveTeam(teamId: string): void {
  localStorage.setItem(ACTIVE, teamId);
}

interface TokenAnswer { token?: string; access_token?: string; expires_in: number; refresh_token: string }

export function sessionFrom(answer: TokenAnswer, teamId: string, teamName: string, userId: string): Session {
  return {
    teamId, teamName, userId,
    token: (answer.token ?? answer.access_token)!,
    refreshToken: answer.refresh_token,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
}

/** Slack's token rotation: a fresh access token and the next refresh token. */
export async function refresh(s: Session): Promise<Session> {
  const answer = await call<TokenAnswer>('oauth.v2.access', { grant_type: 'refresh_token', refresh_token: s.refreshToken });
  const next = sessionFrom(answer, s.teamId, s.teamName, s.userId);
  saveSession(next);
  return next;
}
