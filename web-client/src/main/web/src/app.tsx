import { useEffect, useMemo, useState } from 'preact/hooks';
import { activeTeam, ApiError, call, loadSessions, removeSession, saveSession, sessionFrom, setActiveTeam, type Session } from './api';
import { Client } from './client';
import { applyTheme, navigate, theme } from './hooks';
import { Workspace } from './workspace';

export function App() {
  const [path, setPath] = useState(location.pathname);
  const [sessions, setSessions] = useState<Session[]>(loadSessions);
  const [team, setTeam] = useState<string | null>(activeTeam);
  useEffect(() => {
    applyTheme(theme());
    const onPop = () => setPath(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const session = sessions.find((s) => s.teamId === team) ?? sessions[0];
  const client = useMemo(() => (session ? new Client(session) : undefined), [session?.teamId, session?.userId]);
  useEffect(() => {
    if (!client) return;
    void client.start();
    return () => client.stop();
  }, [client]);

  const signedIn = (s: Session) => {
    saveSession(s);
    setSessions(loadSessions());
    setTeam(s.teamId);
    navigate('/client/' + s.teamId);
  };
  const signOut = async () => {
    if (!session) return;
    await call('auth.revoke', {}, session.token).catch(() => undefined);
    removeSession(session.teamId);
    const rest = loadSessions();
    setSessions(rest);
    setTeam(rest[0]?.teamId ?? null);
    navigate(rest.length ? '/client/' + rest[0].teamId : '/signin');
  };
  const switchTo = (teamId: string) => {
    setActiveTeam(teamId);
    setTeam(teamId);
    navigate('/client/' + teamId);
  };

  const invite = /^\/invite\/([^/]+)$/.exec(path);
  if (invite) return <AuthScreen mode="invite" inviteToken={invite[1]} onSession={signedIn} />;
  if (!client || path === '/signin' || path === '/create') {
    return <AuthScreen mode={path === '/create' || (!client && loadSessions().length === 0 && path !== '/signin') ? 'create' : 'signin'}
      onSession={signedIn} canCancel={!!client} />;
  }
  return <Workspace key={client.session.teamId} client={client} sessions={sessions} onSwitch={switchTo} onSignOut={signOut} />;
}

type Mode = 'signin' | 'create' | 'invite';

function AuthScreen({ mode, inviteToken, onSession, canCancel }: {
  mode: Mode; inviteToken?: string; onSession(s: Session): void; canCancel?: boolean;
}) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>;
    setBusy(true);
    setError('');
    try {
      if (mode === 'create') {
        const a = await call<any>('workspaces.create', {
          name: f.team, domain: f.domain, email: f.email, password: f.password, real_name: f.real_name,
        });
        onSession(sessionFrom(a, a.team.id, a.team.name, a.user.id));
      } else if (mode === 'invite') {
        const a = await call<any>('auth.acceptInvite', { invite_token: inviteToken, password: f.password, real_name: f.real_name });
        const team = await call<any>('team.info', {}, a.token);
        onSession(sessionFrom(a, a.team_id ?? team.team.id, team.team.name, a.user_id ?? a.user.id));
      } else {
        const a = await call<any>('auth.signin', { email: f.email, password: f.password, team: f.team || undefined });
        const team = await call<any>('team.info', {}, a.token);
        onSession(sessionFrom(a, a.team_id, team.team.name, a.user_id));
      }
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  const title = mode === 'create' ? 'Create a workspace' : mode === 'invite' ? 'Join your team' : 'Sign in to Parley';
  return (
    <main class="auth" aria-labelledby="auth-title">
      <form class="auth-card" onSubmit={submit}>
        <h1 id="auth-title">{title}</h1>
        {mode === 'create' && <>
          <Field name="team" label="Workspace name" required autoComplete="organization" />
          <Field name="domain" label="Workspace address (letters, digits, dashes)" required pattern="[a-z0-9-]+" />
        </>}
        {mode !== 'invite' && <Field name="email" label="Email" type="email" required autoComplete="email" />}
        {mode !== 'signin' && <Field name="real_name" label="Your full name" autoComplete="name" />}
        <Field name="password" label="Password" type="password" required autoComplete={mode === 'signin' ? 'current-password' : 'new-password'} />
        {mode === 'signin' && <Field name="team" label="Workspace (only if you belong to several)" />}
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary" type="submit" disabled={busy}>{mode === 'create' ? 'Create workspace' : mode === 'invite' ? 'Join' : 'Sign in'}</button>
        <p class="auth-switch">
          {mode === 'signin'
            ? <a href="/create" onClick={(e) => { e.preventDefault(); navigate('/create'); }}>Create a new workspace</a>
            : <a href="/signin" onClick={(e) => { e.preventDefault(); navigate('/signin'); }}>Sign in to an existing workspace</a>}
          {canCancel && <> · <a href="/client" onClick={(e) => { e.preventDefault(); navigate('/client'); }}>Back</a></>}
        </p>
      </form>
    </main>
  );
}

function Field({ name, label, ...rest }: { name: string; label: string; type?: string; required?: boolean; autoComplete?: string; pattern?: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input name={name} {...rest} />
    </label>
  );
}

const ERRORS: Record<string, string> = {
  invalid_auth: 'That email and password do not match.',
  team_required: 'Your account is in several workspaces: say which one.',
  name_taken: 'That workspace address is taken.',
  invalid_invite: 'This invitation is no longer valid.',
  invite_expired: 'This invitation has expired.',
  ratelimited: 'Too many attempts. Wait a minute and try again.',
  account_inactive: 'This account has been deactivated.',
  network_error: 'Parley cannot be reached.',
};

export function describe(err: unknown): string {
  if (err instanceof ApiError) return ERRORS[err.code] ?? `Something went wrong (${err.code}).`;
  return String((err as Error)?.message ?? err);
}
