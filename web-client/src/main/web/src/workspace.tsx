import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from './api';
import { describe } from './app';
import { notifyPreference, setNotifyPreference, type Client, type Conversation } from './client';
import { emojiChar } from './emoji';
import { applyTheme, navigate, theme, useClient } from './hooks';
import { ChannelView, ThreadPane } from './messages';
import { byName, fuzzyFilter, type Message } from './model';

type Dialog = 'invite' | 'status' | 'prefs' | 'switcher' | 'new-channel' | 'browse' | 'new-dm' | 'search' | null;

export function Workspace({ client, sessions, onSwitch, onSignOut }: {
  client: Client; sessions: Session[]; onSwitch(team: string): void; onSignOut(): void;
}) {
  useClient(client);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [thread, setThread] = useState<{ channel: string; ts: string } | null>(null);
  const [jump, setJump] = useState<string | undefined>();
  const active = client.active;

  useEffect(() => {
    if (!client.ready) return;
    const fromUrl = /^\/client\/[^/]+\/([^/]+)/.exec(location.pathname)?.[1];
    const first = fromUrl && client.conversations.has(fromUrl) ? fromUrl
      : byName([...client.conversations.values()].filter((c) => !c.is_im && !c.is_mpim))[0]?.id
      ?? [...client.conversations.keys()][0];
    if (first && !client.active) void client.open(first);
  }, [client.ready]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setDialog('switcher');
      } else if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        // Alt+↑/↓ moves through the sidebar, as in Slack.
        const ids = sidebarOrder(client).map((c) => c.id);
        const i = ids.indexOf(client.active ?? '');
        const next = ids[(i + (e.key === 'ArrowDown' ? 1 : ids.length - 1)) % ids.length];
        if (next) {
          e.preventDefault();
          open(next);
        }
      } else if (e.key === 'Escape' && dialog) {
        setDialog(null);
      }
    };
    const onFocus = () => client.active && client.markSeen(client.active);
    addEventListener('keydown', onKey);
    addEventListener('focus', onFocus);
    return () => {
      removeEventListener('keydown', onKey);
      removeEventListener('focus', onFocus);
    };
  }, [client, dialog]);

  const open = (id: string, ts?: string) => {
    setJump(ts);
    void client.open(id);
    history.replaceState(null, '', `/client/${client.session.teamId}/${id}`);
    setDialog(null);
  };

  const conversation = active ? client.conversations.get(active) : undefined;
  const totalUnread = [...client.unread.values()].reduce((n, u) => n + u.mentions, 0);
  useEffect(() => {
    document.title = (totalUnread ? `(${totalUnread}) ` : '') + (conversation ? client.conversationName(conversation) + ' – ' : '')
      + client.session.teamName + ' – Parley';
  });

  return (
    <div class="layout">
      <nav class="rail" aria-label="Workspaces">
        <ul>
          {sessions.map((s) => (
            <li key={s.teamId}>
              <button type="button" class={'team' + (s.teamId === client.session.teamId ? ' current' : '')}
                aria-current={s.teamId === client.session.teamId ? 'true' : undefined}
                aria-label={`${initials(s.teamName)}: workspace ${s.teamName}`} title={s.teamName} onClick={() => onSwitch(s.teamId)}>
                {initials(s.teamName)}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" class="team add" aria-label="+ Add a workspace" title="Add a workspace" onClick={() => navigate('/signin')}>+</button>
      </nav>
      <Sidebar client={client} open={open} setDialog={setDialog} onSignOut={onSignOut} />
      <main class="main" aria-label={conversation ? client.conversationName(conversation) : 'Conversation'}>
        <ConnectionBanner client={client} />
        {client.error && <p class="error" role="alert">{client.error}</p>}
        {conversation
          ? <ChannelView key={conversation.id} client={client} conversation={conversation} jumpTo={jump}
              openThread={(ts) => { setThread({ channel: conversation.id, ts }); void client.openThread(conversation.id, ts); }}
              openSearch={() => setDialog('search')} openChannel={(id) => open(id)} />
          : <div class="empty">{client.ready ? 'Pick a conversation, or create a channel.' : 'Loading…'}</div>}
      </main>
      {thread && <ThreadPane client={client} channel={thread.channel} ts={thread.ts} onClose={() => setThread(null)} />}
      {dialog === 'switcher' && <QuickSwitcher client={client} onPick={open} onClose={() => setDialog(null)} />}
      {dialog === 'invite' && <InviteDialog client={client} onClose={() => setDialog(null)} />}
      {dialog === 'status' && <StatusDialog client={client} onClose={() => setDialog(null)} />}
      {dialog === 'prefs' && <PrefsDialog client={client} onClose={() => setDialog(null)} />}
      {dialog === 'new-channel' && <NewChannelDialog client={client} onDone={(id) => open(id)} onClose={() => setDialog(null)} />}
      {dialog === 'browse' && <BrowseDialog client={client} onDone={(id) => open(id)} onClose={() => setDialog(null)} />}
      {dialog === 'new-dm' && <NewDmDialog client={client} onDone={(id) => open(id)} onClose={() => setDialog(null)} />}
      {dialog === 'search' && <SearchDialog client={client} onPick={(c, ts) => open(c, ts)} onClose={() => setDialog(null)} />}
    </div>
  );
}

function initials(name: string): string {
  return name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase() || '?';
}

function sidebarOrder(client: Client): Conversation[] {
  const all = [...client.conversations.values()].filter((c) => !c.is_archived);
  const withNames = (cs: Conversation[]) => byName(cs.map((c) => ({ ...c, name: client.conversationName(c) })));
  return [...withNames(all.filter((c) => !c.is_im && !c.is_mpim)), ...withNames(all.filter((c) => c.is_im || c.is_mpim))];
}

function ConnectionBanner({ client }: { client: Client }) {
  if (client.socket === 'online') return null;
  return (
    <div class={'connection ' + client.socket} role="status" aria-live="polite" data-state={client.socket}>
      {client.socket === 'connecting' ? 'Connecting…' : 'Reconnecting… messages will catch up when the connection is back.'}
    </div>
  );
}

function Sidebar({ client, open, setDialog, onSignOut }: {
  client: Client; open(id: string): void; setDialog(d: Dialog): void; onSignOut(): void;
}) {
  const all = sidebarOrder(client);
  const channels = all.filter((c) => !c.is_im && !c.is_mpim);
  const direct = all.filter((c) => c.is_im || c.is_mpim);
  const me = client.users.get(client.me);
  const status = me?.profile?.status_emoji ? emojiChar(me.profile.status_emoji.replace(/:/g, '')) : undefined;
  const item = (c: Conversation) => {
    const unread = client.unread.get(c.id);
    const isDirect = c.is_im || c.is_mpim;
    const presence = c.is_im ? client.presence.get(c.user ?? '') : undefined;
    const label = client.conversationName(client.conversations.get(c.id));
    return (
      <li key={c.id}>
        <a href={`/client/${client.session.teamId}/${c.id}`} class={'conv' + (c.id === client.active ? ' active' : '') + (unread?.unread ? ' unread' : '')}
          aria-current={c.id === client.active ? 'page' : undefined}
          onClick={(e) => { e.preventDefault(); open(c.id); }}>
          {isDirect
            ? <span class={'dot ' + (presence === 'active' ? 'on' : 'off')} role="img" aria-label={presence === 'active' ? 'active' : 'away'} />
            : <span class="hash" aria-hidden="true">{c.is_private ? '🔒' : '#'}</span>}
          <span class="conv-name">{label}</span>
          {unread && unread.mentions > 0
            ? <span class="badge" aria-label={`${unread.mentions} mentions`}>{unread.mentions}</span>
            : unread && unread.unread > 0 ? <span class="sr-only">unread</span> : null}
        </a>
      </li>
    );
  };
  return (
    <nav class="sidebar" aria-label="Conversations">
      <header class="sidebar-head">
        <h1 class="team-name">{client.session.teamName}</h1>
        <button type="button" class="icon" aria-label="Jump to a conversation (Ctrl+K)" title="Jump to (Ctrl+K)" onClick={() => setDialog('switcher')}>⌕</button>
      </header>
      <div class="me">
        <button type="button" class="me-button" onClick={() => setDialog('status')} title="Set your status, presence and do not disturb">
          <span class={'dot ' + (client.presence.get(client.me) === 'active' ? 'on' : 'off')} aria-hidden="true" />
          <span>{client.userName(client.me)}</span>
          {status && <span aria-label="status">{status}</span>}
          {client.dndUntil > Date.now() && <span class="dnd" title="Notifications paused">🔕</span>}
        </button>
      </div>
      <button type="button" class="search-open" onClick={() => setDialog('search')}>Search messages</button>
      <section aria-labelledby="channels-h">
        <h2 id="channels-h">Channels
          <button type="button" class="icon small" aria-label="Create a channel" onClick={() => setDialog('new-channel')}>+</button>
          <button type="button" class="icon small" aria-label="Browse channels" onClick={() => setDialog('browse')}>☰</button>
        </h2>
        <ul>{channels.map(item)}</ul>
      </section>
      <section aria-labelledby="dms-h">
        <h2 id="dms-h">Direct messages
          <button type="button" class="icon small" aria-label="New direct message" onClick={() => setDialog('new-dm')}>+</button>
        </h2>
        <ul>{direct.map(item)}</ul>
      </section>
      <footer class="sidebar-foot">
        <button type="button" onClick={() => setDialog('invite')}>Invite people</button>
        <button type="button" onClick={() => setDialog('prefs')}>Preferences</button>
        <button type="button" onClick={onSignOut}>Sign out</button>
      </footer>
    </nav>
  );
}

export function Modal({ title, onClose, children }: { title: string; onClose(): void; children: preact.ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    (ref.current?.querySelector('input, textarea, select, button') as HTMLElement | null)?.focus();
    return () => previous?.focus?.();
  }, []);
  const trap = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>('input, textarea, select, button, a[href]')];
    const first = focusable[0], last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  };
  return (
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={title} ref={ref} onKeyDown={trap}>
        <h2>{title}</h2>
        {children}
        <button type="button" class="close" aria-label="Close" onClick={onClose}>×</button>
      </div>
    </div>
  );
}

function QuickSwitcher({ client, onPick, onClose }: { client: Client; onPick(id: string): void; onClose(): void }) {
  const [q, setQ] = useState('');
  const [i, setI] = useState(0);
  const items = fuzzyFilter(sidebarOrder(client), q, (c) => c.name);
  const key = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setI((i + 1) % Math.max(1, items.length)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setI((i + items.length - 1) % Math.max(1, items.length)); }
    if (e.key === 'Enter' && items[i]) { e.preventDefault(); onPick(items[i].id); }
  };
  return (
    <Modal title="Jump to" onClose={onClose}>
      <input class="wide" aria-label="Conversation name" placeholder="Jump to…" value={q} role="combobox"
        aria-expanded="true" aria-controls="switcher-list" aria-activedescendant={items[i] ? 'sw-' + items[i].id : undefined}
        onInput={(e) => { setQ((e.target as HTMLInputElement).value); setI(0); }} onKeyDown={key} />
      <ul id="switcher-list" role="listbox" class="picker-list" aria-label="Conversations">
        {items.map((c, n) => (
          <li key={c.id} id={'sw-' + c.id} role="option" aria-selected={n === i} class={n === i ? 'selected' : ''} onClick={() => onPick(c.id)}>
            {c.is_im || c.is_mpim ? '@ ' : '# '}{c.name}
          </li>
        ))}
      </ul>
    </Modal>
  );
}

function useAction(): [string, boolean, (f: () => Promise<void>) => Promise<void>] {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try { await f(); } catch (e) { setError(describe(e)); } finally { setBusy(false); }
  };
  return [error, busy, run];
}

function InviteDialog({ client, onClose }: { client: Client; onClose(): void }) {
  const [error, busy, run] = useAction();
  const [result, setResult] = useState<string>('');
  const submit = (e: Event) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>;
    void run(async () => {
      const r = await client.invite(f.email, f.real_name, f.password);
      setResult(r.created ? `${f.email} can now sign in with the password you chose.` : `Share this link with ${f.email}: ${r.url}`);
    });
  };
  return (
    <Modal title="Invite people" onClose={onClose}>
      <form onSubmit={submit}>
        <label class="field"><span>Email</span><input name="email" type="email" required /></label>
        <label class="field"><span>Full name (optional)</span><input name="real_name" /></label>
        <label class="field"><span>Password (optional: create the account now instead of sending an invitation link)</span>
          <input name="password" type="password" autoComplete="new-password" /></label>
        {error && <p class="error" role="alert">{error}</p>}
        {result && <p class="notice" role="status">{result}</p>}
        <button class="primary" type="submit" disabled={busy}>Invite</button>
      </form>
    </Modal>
  );
}

function StatusDialog({ client, onClose }: { client: Client; onClose(): void }) {
  const me = client.users.get(client.me);
  const [error, busy, run] = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>;
    void run(async () => {
      await client.setStatus(f.text, f.emoji ? ':' + f.emoji.replace(/:/g, '') + ':' : '');
      onClose();
    });
  };
  const away = client.presence.get(client.me) !== 'active';
  return (
    <Modal title="Your status" onClose={onClose}>
      <form onSubmit={submit}>
        <label class="field"><span>Status emoji name (e.g. palm_tree)</span>
          <input name="emoji" defaultValue={me?.profile?.status_emoji?.replace(/:/g, '') ?? ''} /></label>
        <label class="field"><span>What's your status?</span>
          <input name="text" maxLength={100} defaultValue={me?.profile?.status_text ?? ''} /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary" type="submit" disabled={busy}>Save status</button>
      </form>
      <div class="row">
        <button type="button" onClick={() => run(() => client.setAway(!away))}>{away ? 'Set yourself active' : 'Set yourself away'}</button>
        {client.dndUntil > Date.now()
          ? <button type="button" onClick={() => run(() => client.snooze(0))}>Resume notifications</button>
          : <button type="button" onClick={() => run(() => client.snooze(60))}>Pause notifications for 1 hour</button>}
      </div>
    </Modal>
  );
}

function PrefsDialog({ client, onClose }: { client: Client; onClose(): void }) {
  const [t, setT] = useState(theme());
  const [n, setN] = useState(notifyPreference());
  void client;
  return (
    <Modal title="Preferences" onClose={onClose}>
      <fieldset>
        <legend>Theme</legend>
        {(['light', 'dark'] as const).map((v) => (
          <label key={v} class="radio"><input type="radio" name="theme" checked={t === v}
            onChange={() => { setT(v); localStorage.setItem('parley.theme', v); applyTheme(v); }} /> {v === 'light' ? 'Light' : 'Dark'}</label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Desktop notifications</legend>
        {([['all', 'All new messages'], ['mentions', 'Direct messages and mentions'], ['none', 'Nothing']] as const).map(([v, label]) => (
          <label key={v} class="radio"><input type="radio" name="notify" checked={n === v}
            onChange={() => {
              setN(v);
              setNotifyPreference(v);
              if (v !== 'none' && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
            }} /> {label}</label>
        ))}
      </fieldset>
    </Modal>
  );
}

function NewChannelDialog({ client, onDone, onClose }: { client: Client; onDone(id: string): void; onClose(): void }) {
  const [error, busy, run] = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>;
    void run(async () => onDone(await client.createChannel(f.name.toLowerCase(), f.private === 'on')));
  };
  return (
    <Modal title="Create a channel" onClose={onClose}>
      <form onSubmit={submit}>
        <label class="field"><span>Name</span><input name="name" required maxLength={80} pattern="[a-z0-9_\-]+" placeholder="e.g. plan-budget" /></label>
        <label class="radio"><input type="checkbox" name="private" /> Make private</label>
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary" type="submit" disabled={busy}>Create</button>
      </form>
    </Modal>
  );
}

function BrowseDialog({ client, onDone, onClose }: { client: Client; onDone(id: string): void; onClose(): void }) {
  const [channels, setChannels] = useState<Conversation[] | null>(null);
  const [error, , run] = useAction();
  useEffect(() => { void run(async () => setChannels(await client.browseChannels())); }, []);
  return (
    <Modal title="Browse channels" onClose={onClose}>
      {error && <p class="error" role="alert">{error}</p>}
      {!channels ? <p>Loading…</p> : (
        <ul class="picker-list">
          {channels.map((c) => (
            <li key={c.id}>
              <button type="button" class="link" onClick={() => run(async () => {
                if (!client.conversations.has(c.id)) await client.join(c.id);
                onDone(c.id);
              })}># {c.name} {client.conversations.has(c.id) ? '' : '(join)'}</button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

function NewDmDialog({ client, onDone, onClose }: { client: Client; onDone(id: string): void; onClose(): void }) {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [error, busy, run] = useAction();
  const people = fuzzyFilter([...client.users.values()].filter((u) => !u.deleted && u.id !== client.me && !picked.includes(u.id)),
    q, (u) => client.userName(u.id), 8);
  return (
    <Modal title="New message" onClose={onClose}>
      <p>{picked.length ? 'To: ' + picked.map((u) => client.userName(u)).join(', ') : 'Pick one or more people.'}</p>
      <input class="wide" aria-label="Find people" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      <ul class="picker-list">
        {people.map((u) => (
          <li key={u.id}><button type="button" class="link" onClick={() => { setPicked([...picked, u.id]); setQ(''); }}>
            {client.userName(u.id)} <span class="muted">@{u.name}</span></button></li>
        ))}
      </ul>
      {error && <p class="error" role="alert">{error}</p>}
      <button class="primary" type="button" disabled={busy || !picked.length} onClick={() => run(async () => onDone(await client.openDm(picked)))}>Open conversation</button>
    </Modal>
  );
}

function SearchDialog({ client, onPick, onClose }: { client: Client; onPick(channel: string, ts: string): void; onClose(): void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<(Message & { channel: { id: string; name: string } })[] | null>(null);
  const [error, busy, run] = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => setResults((await client.search(q)).matches));
  };
  return (
    <Modal title="Search" onClose={onClose}>
      <form onSubmit={submit} role="search">
        <input class="wide" type="search" aria-label="Search messages (from:@name in:#channel before: after:)" value={q}
          placeholder="Search messages" onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {busy && <p>Searching…</p>}
      {results && (
        <ul class="picker-list results" aria-label="Results">
          {results.length === 0 && <li>No messages match.</li>}
          {results.map((m) => (
            <li key={m.channel.id + m.ts}>
              <button type="button" class="link result" onClick={() => onPick(m.channel.id, m.ts)}>
                <span class="muted">#{m.channel.name} · {client.userName(m.user)}</span>
                <Highlighted text={m.text ?? ''} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

/** Search highlights arrive as Slack's \uE000 … \uE001 markers around matched words; shown as <mark>, as text. */
function Highlighted({ text }: { text: string }) {
  const parts = text.split(/(\uE000[^\uE001]*\uE001)/);
  return <span class="snippet">{parts.map((p, i) => (p.startsWith('\uE000') ? <mark key={i}>{p.slice(1, -1)}</mark> : p))}</span>;
}
