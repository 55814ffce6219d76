import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { describe } from './app';
import type { Client, Conversation } from './client';
import { emojiChar, emojiNames, EMOJI, QUICK_REACTIONS } from './emoji';
import { useClient } from './hooks';
import { buildRows, isSystem, tsDate, type Message, type Row } from './model';
import { FileList, UploadList, useUploads, type Uploads } from './fileviews';
import { encodeEntities } from './mrkdwn';
import { blockTexts, Mrkdwn, type Names } from './render';

/** Rows kept in the DOM at once: however long the channel, the list renders a window of this many around the view. */
const WINDOW = 150;
const STEP = 50;

export function ChannelView({ client, conversation, openThread, openSearch, openChannel, jumpTo }: {
  client: Client; conversation: Conversation; openThread(ts: string): void; openSearch(): void;
  openChannel(id: string): void; jumpTo?: string;
}) {
  useClient(client);
  const h = client.channel(conversation.id);
  const rows = buildRows(h.messages);
  const scroller = useRef<HTMLDivElement>(null);
  // The window's end row; null follows the newest message.
  const [end, setEnd] = useState<number | null>(null);
  const [highlight, setHighlight] = useState<string | undefined>(jumpTo);
  const stuck = useRef(true);
  const last = end ?? rows.length;
  const first = Math.max(0, last - WINDOW);
  const names: Names = { user: client.userNameById, channel: client.channelNameById, openChannel };

  useEffect(() => {
    if (!jumpTo) return;
    setHighlight(jumpTo);
    const i = rows.findIndex((r) => r.kind === 'message' && r.message.ts === jumpTo);
    if (i >= 0) {
      setEnd(Math.min(rows.length, i + STEP));
      stuck.current = false;
    } else if (h.hasMore && !h.loading) {
      void client.loadOlder(conversation.id);
    }
  }, [jumpTo, rows.length]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (highlight) {
      const target = el.querySelector(`[data-ts="${CSS.escape(highlight)}"]`);
      if (target) {
        target.scrollIntoView({ block: 'center' });
        setTimeout(() => setHighlight(undefined), 2500);
        return;
      }
    }
    if (stuck.current) el.scrollTop = el.scrollHeight;
  });

  const onScroll = () => {
    const el = scroller.current!;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    stuck.current = fromBottom < 40 && end === null;
    if (el.scrollTop < 400) {
      if (first > 0) setEnd(Math.max(WINDOW, last - STEP));
      else if (h.hasMore && !h.loading) {
        // Older messages go above; the browser keeps what is in view where it is (scroll anchoring).
        const before = rows.length;
        void client.loadOlder(conversation.id).then(() => {
          // Keep the window on what was in view: it moves down by the rows that came in above.
          const now = buildRows(client.channel(conversation.id).messages).length;
          const next = (end ?? before) + (now - before);
          if (now > before) setEnd(next >= now ? null : next);
        });
      }
    } else if (fromBottom < 400 && end !== null) {
      const next = end + STEP;
      setEnd(next >= rows.length ? null : next);
    }
    if (fromBottom < 40) client.markSeen(conversation.id);
  };

  const typers = client.typers(conversation.id);
  const name = client.conversationName(conversation);
  const pinnedCount = h.messages.filter((m) => m.pinned_to?.includes(conversation.id)).length;
  const uploads = useUploads(client, conversation.id);
  const [dragging, setDragging] = useState(false);
  const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  return (
    <>
      <header class="channel-head">
        <h2>{conversation.is_im || conversation.is_mpim ? '' : conversation.is_private ? '🔒 ' : '# '}{name}</h2>
        {conversation.topic?.value && <span class="topic">{conversation.topic.value}</span>}
        {pinnedCount > 0 && <span class="pins" title="Pinned messages">📌 {pinnedCount}</span>}
        <button type="button" class="icon" aria-label="Search messages" onClick={openSearch}>🔍</button>
      </header>
      <div class={'messages' + (dragging ? ' drop-target' : '')} ref={scroller} onScroll={onScroll}
        onDragOver={(e) => { if (hasFiles(e)) { e.preventDefault(); setDragging(true); } }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          setDragging(false);
          if (!e.dataTransfer?.files.length) return;
          e.preventDefault();
          uploads.start(e.dataTransfer.files);
        }} data-following={end === null} role="log" aria-label={`Messages in ${name}`} aria-live="polite" tabIndex={0}>
        {first === 0 && !h.hasMore && h.loaded && <div class="channel-start">This is the very beginning of {name}.</div>}
        {h.loading && <div class="loading" role="status">Loading…</div>}
        {rows.slice(first, last).map((row) => (
          <RowView key={row.key} row={row} client={client} channel={conversation.id} names={names}
            openThread={openThread} highlighted={row.kind === 'message' && row.message.ts === highlight} />
        ))}
      </div>
      <div class="typing" aria-live="polite">{typers.length ? `${typers.join(', ')} ${typers.length > 1 ? 'are' : 'is'} typing…` : ''}</div>
      <Composer client={client} channel={conversation.id} uploads={uploads} label={`Message ${conversation.is_im ? name : '#' + name}`} />
    </>
  );
}

function RowView({ row, client, channel, names, openThread, highlighted, inThread }: {
  row: Row; client: Client; channel: string; names: Names; openThread?(ts: string): void; highlighted?: boolean; inThread?: boolean;
}) {
  if (row.kind === 'day') {
    return <div class="day" role="separator"><span>{formatDay(row.day)}</span></div>;
  }
  return <MessageView m={row.message} continued={row.continued} client={client} channel={channel} names={names}
    openThread={openThread} highlighted={highlighted} inThread={inThread} />;
}

function formatDay(day: string): string {
  const [y, mo, d] = day.split('-').map(Number);
  const date = new Date(y, mo - 1, d);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (date.toDateString() === today.toDateString()) return 'Today';
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return date.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: y === today.getFullYear() ? undefined : 'numeric' });
}

function time(ts: string): string {
  return tsDate(ts).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

/** Slack's wording of the messages it writes into channels. */
export function systemText(m: Message, client: Pick<Client, 'userName'>): string {
  const who = client.userName(m.user);
  switch (m.subtype) {
    case 'channel_join':
    case 'group_join':
      return m.inviter ? `${who} joined (added by ${client.userName(m.inviter)})` : `${who} joined`;
    case 'channel_leave':
    case 'group_leave':
      return `${who} left`;
    case 'channel_topic':
      return m.topic ? `${who} set the channel topic: ${m.topic}` : `${who} cleared the channel topic`;
    case 'channel_purpose':
      return m.purpose ? `${who} set the channel description: ${m.purpose}` : `${who} cleared the channel description`;
    case 'channel_name':
      return `${who} renamed the channel from "${m.old_name}" to "${m.name}"`;
    case 'channel_archive':
      return `${who} archived this channel`;
    case 'channel_unarchive':
      return `${who} un-archived this channel`;
    case 'channel_convert_to_private':
      return `${who} made this channel private`;
    case 'channel_convert_to_public':
      return `${who} made this channel public`;
    case 'tombstone':
      return 'This message was deleted.';
    default:
      return m.text ?? '';
  }
}

function MessageView({ m, continued, client, channel, names, openThread, highlighted, inThread }: {
  m: Message; continued: boolean; client: Client; channel: string; names: Names; openThread?(ts: string): void;
  highlighted?: boolean; inThread?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState('');
  if (isSystem(m)) {
    return <div class="message system" data-ts={m.ts}><span class="system-text">{systemText(m, client)}</span> <time>{time(m.ts)}</time></div>;
  }
  const mine = m.user === client.me;
  const pinned = m.pinned_to?.includes(channel);
  const act = (f: () => Promise<void>) => f().catch((e) => setError(describe(e)));
  const author = client.userName(m.user) || m.username || 'bot';
  const status = m.user ? client.users.get(m.user)?.profile?.status_emoji : undefined;
  const blocks = blockTexts(m.blocks);
  return (
    <article class={'message' + (continued ? ' continued' : '') + (highlighted ? ' highlighted' : '') + (pinned ? ' pinned' : '')}
      data-ts={m.ts} aria-label={`${author} at ${time(m.ts)}`}>
      {!continued && <div class="avatar" aria-hidden="true">{author.slice(0, 1).toUpperCase()}</div>}
      <div class="body">
        {!continued && (
          <div class="meta">
            <span class="author">{author}</span>
            {status && emojiChar(status.replace(/:/g, '')) && <span class="status-emoji">{emojiChar(status.replace(/:/g, ''))}</span>}
            <time dateTime={tsDate(m.ts).toISOString()}>{time(m.ts)}</time>
            {pinned && <span class="pin-mark">📌 Pinned</span>}
          </div>
        )}
        {editing
          ? <EditBox text={m.text ?? ''} onCancel={() => setEditing(false)}
              onSave={(text) => act(async () => { await client.edit(channel, m.ts, text); setEditing(false); })} />
          : <>
              {m.text ? <Mrkdwn text={m.text} names={names} /> : null}
              {blocks.map((t, i) => <Mrkdwn key={i} text={t} names={names} />)}
              {m.files && m.files.length > 0 && <FileList files={m.files} client={client} />}
              {m.edited && <span class="edited">(edited)</span>}
              {m.subtype === 'thread_broadcast' && !inThread && <span class="muted"> replied to a thread</span>}
            </>}
        {m.reactions && m.reactions.length > 0 && (
          <ul class="reactions" aria-label="Reactions">
            {m.reactions.map((r) => (
              <li key={r.name}>
                <button type="button" class={'reaction' + (r.users.includes(client.me) ? ' mine' : '')}
                  aria-pressed={r.users.includes(client.me)}
                  title={`${r.users.map((u) => client.userName(u)).join(', ')} reacted with :${r.name}:`}
                  aria-label={`${r.name} ${r.count}, ${r.users.map((u) => client.userName(u)).join(', ')}`}
                  onClick={() => act(() => client.toggleReaction(channel, m, r.name))}>
                  <span aria-hidden="true">{emojiChar(r.name) ?? `:${r.name}:`}</span> {r.count}
                </button>
              </li>
            ))}
          </ul>
        )}
        {!inThread && (m.reply_count ?? 0) > 0 && openThread && (
          <button type="button" class="replies" onClick={() => openThread(m.ts)}>
            {m.reply_count} {m.reply_count === 1 ? 'reply' : 'replies'}
          </button>
        )}
        {error && <p class="error" role="alert">{error}</p>}
      </div>
      <div class="actions" role="toolbar" aria-label="Message actions">
        <button type="button" aria-label="Add reaction" title="Add reaction" onClick={() => setPicking(!picking)}>☺</button>
        {openThread && !inThread && <button type="button" aria-label="Reply in thread" title="Reply in thread" onClick={() => openThread(m.ts)}>💬</button>}
        <button type="button" aria-label={pinned ? 'Unpin' : 'Pin'} title={pinned ? 'Unpin' : 'Pin to channel'} onClick={() => act(() => client.togglePin(channel, m))}>📌</button>
        {mine && <button type="button" aria-label="Edit message" title="Edit" onClick={() => setEditing(true)}>✎</button>}
        {mine && <button type="button" aria-label="Delete message" title="Delete"
          onClick={() => confirm('Delete this message?') && act(() => client.remove(channel, m.ts))}>🗑</button>}
      </div>
      {picking && <ReactionPicker onPick={(name) => { setPicking(false); void act(() => client.toggleReaction(channel, m, name)); }}
        onClose={() => setPicking(false)} />}
    </article>
  );
}

function ReactionPicker({ onPick, onClose }: { onPick(name: string): void; onClose(): void }) {
  const [q, setQ] = useState('');
  const names = q ? emojiNames(q, 24) : [...QUICK_REACTIONS, ...Object.keys(EMOJI).filter((n) => !QUICK_REACTIONS.includes(n)).slice(0, 16)];
  return (
    <div class="picker" role="dialog" aria-label="Pick a reaction" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <input aria-label="Search emoji" placeholder="Search emoji" value={q} autoFocus onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      <div class="emoji-grid">
        {names.map((n) => (
          <button key={n} type="button" title={`:${n}:`} aria-label={n} onClick={() => onPick(n)}>{EMOJI[n]}</button>
        ))}
      </div>
    </div>
  );
}

function EditBox({ text, onSave, onCancel }: { text: string; onSave(text: string): void; onCancel(): void }) {
  const [value, setValue] = useState(text);
  return (
    <form class="edit" onSubmit={(e) => { e.preventDefault(); onSave(value); }}>
      <textarea aria-label="Edit message" value={value} autoFocus onInput={(e) => setValue((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); onSave(value); }
        }} />
      <div class="row"><button type="button" onClick={onCancel}>Cancel</button><button class="primary" type="submit">Save</button></div>
    </form>
  );
}

interface Suggestion { label: string; insert: string; key: string }

/** What to offer for the word being typed: people after @, channels after #, emoji after :. */
export function suggestions(client: Pick<Client, 'users' | 'conversations' | 'userName'>, word: string): Suggestion[] {
  if (word.length < 2) return [];
  const q = word.slice(1).toLowerCase();
  if (word[0] === '@') {
    const special = ['here', 'channel', 'everyone'].filter((s) => s.startsWith(q))
      .map((s) => ({ key: '!' + s, label: '@' + s, insert: `<!${s}>` }));
    const people = [...client.users.values()].filter((u) => !u.deleted
      && (u.name.toLowerCase().startsWith(q) || client.userName(u.id).toLowerCase().startsWith(q)))
      .slice(0, 8).map((u) => ({ key: u.id, label: `${client.userName(u.id)} @${u.name}`, insert: `<@${u.id}>` }));
    return [...people, ...special];
  }
  if (word[0] === '#') {
    return [...client.conversations.values()].filter((c) => !c.is_im && !c.is_mpim && c.name.toLowerCase().startsWith(q))
      .slice(0, 8).map((c) => ({ key: c.id, label: '#' + c.name, insert: `<#${c.id}|${c.name}>` }));
  }
  if (word[0] === ':' && q.length >= 1) {
    return emojiNames(q).map((n) => ({ key: n, label: `${EMOJI[n]} :${n}:`, insert: `:${n}:` }));
  }
  return [];
}

/**
 * What the composer sends: what was typed with Slack's three entities escaped, and the mentions picked from the
 * autocomplete (kept as tokens while typing) put back as Slack's `<@U…>` / `<#C…>` markup.
 */
export function outgoing(typed: string, tokens: Map<string, string>): string {
  let text = encodeEntities(typed);
  for (const [shown, markup] of tokens) text = text.split(encodeEntities(shown)).join(markup);
  return text;
}

export function Composer({ client, channel, threadTs, label, uploads: shared }: {
  client: Client; channel: string; threadTs?: string; label: string; uploads?: Uploads;
}) {
  const own = useUploads(client, channel, threadTs);
  const uploads = shared ?? own;
  const picker = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState('');
  const [broadcast, setBroadcast] = useState(false);
  const tokens = useRef(new Map<string, string>());
  const area = useRef<HTMLTextAreaElement>(null);
  // The caret as of the last input, kept in state: the DOM's may lag behind a value set by a completion.
  const [caret, setCaret] = useState(0);
  const word = currentWord(value, caret);
  const options = suggestions(client, word);

  const send = async () => {
    const typed = value.trim();
    if (!typed) return;
    setValue('');
    setCaret(0);
    setError('');
    try {
      await client.post(channel, outgoing(typed, tokens.current), threadTs, broadcast);
      tokens.current.clear();
    } catch (e) {
      setValue(typed);
      setError(describe(e));
    }
  };
  const complete = (s: Suggestion) => {
    const start = caret - word.length;
    const shown = s.insert.startsWith(':') ? s.insert : s.label.split(' ')[0].startsWith('#') ? s.label : '@' + client.userName(s.key);
    if (!s.insert.startsWith(':')) tokens.current.set(s.key.startsWith('!') ? s.label : shown, s.insert);
    const inserted = (s.key.startsWith('!') ? s.label : shown) + ' ';
    setValue(value.slice(0, start) + inserted + value.slice(caret));
    setCaret(start + inserted.length);
    setSelected(0);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(start + inserted.length, start + inserted.length);
    });
  };
  const onKey = (e: KeyboardEvent) => {
    if (options.length) {
      if (e.key === 'ArrowDown') { e.preventDefault(); setSelected((selected + 1) % options.length); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); setSelected((selected + options.length - 1) % options.length); return; }
      if (e.key === 'Tab' || e.key === 'Enter') { e.preventDefault(); complete(options[selected] ?? options[0]); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  };
  const id = 'composer-' + channel + (threadTs ?? '');
  return (
    <form class="composer" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      {options.length > 0 && (
        <ul class="autocomplete" role="listbox" id={id + '-list'} aria-label="Suggestions">
          {options.map((s, i) => (
            <li key={s.key} id={id + '-' + i} role="option" aria-selected={i === selected} class={i === selected ? 'selected' : ''}
              onMouseDown={(e) => { e.preventDefault(); complete(s); }}>{s.label}</li>
          ))}
        </ul>
      )}
      <label class="sr-only" for={id}>{label}</label>
      <textarea id={id} ref={area} rows={1} placeholder={label} value={value} role="combobox" aria-autocomplete="list"
        aria-expanded={options.length > 0} aria-controls={id + '-list'}
        aria-activedescendant={options.length ? id + '-' + selected : undefined}
        onInput={(e) => {
          const t = e.target as HTMLTextAreaElement;
          setValue(t.value);
          setCaret(t.selectionStart);
          setSelected(0);
          client.typingIn(channel);
        }}
        onClick={(e) => setCaret((e.target as HTMLTextAreaElement).selectionStart)}
        onKeyDown={onKey} />
      {threadTs && <label class="radio broadcast-option"><input type="checkbox" checked={broadcast} onChange={() => setBroadcast(!broadcast)} /> Also send to the channel</label>}
      <input ref={picker} type="file" multiple class="sr-only" tabIndex={-1} aria-label="Files to upload" data-testid="file-input"
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          if (input.files?.length) uploads.start([...input.files]);
          input.value = '';
        }} />
      <button type="button" class="icon attach" aria-label="Upload a file" title="Upload a file" onClick={() => picker.current?.click()}>📎</button>
      <button class="primary send" type="submit" aria-label="Send">Send</button>
      <UploadList uploads={uploads} />
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}

function currentWord(value: string, caret: number): string {
  const before = value.slice(0, caret);
  const m = /(^|\s)([@#:][^\s@#:]*)$/.exec(before);
  return m ? m[2] : '';
}

export function ThreadPane({ client, channel, ts, onClose }: { client: Client; channel: string; ts: string; onClose(): void }) {
  useClient(client);
  const thread = client.thread(channel, ts);
  const names: Names = { user: client.userNameById, channel: client.channelNameById };
  const typers = client.typers(channel, ts);
  const end = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => end.current?.scrollIntoView({ block: 'end' }), [thread?.length]);
  return (
    <aside class="thread" aria-label="Thread">
      <header class="channel-head">
        <h2>Thread <span class="muted">#{client.conversationName(client.conversations.get(channel))}</span></h2>
        <button type="button" class="icon" aria-label="Close thread" onClick={onClose}>×</button>
      </header>
      <div class="messages thread-messages" role="log" aria-label="Thread messages">
        {!thread ? <p class="loading">Loading…</p> : thread.map((m, i) => (
          <>
            <MessageView key={m.ts} m={m} continued={false} client={client} channel={channel} names={names} inThread />
            {i === 0 && thread.length > 1 && <div class="reply-count">{thread.length - 1} {thread.length === 2 ? 'reply' : 'replies'}</div>}
          </>
        ))}
        <div ref={end} />
      </div>
      <div class="typing" aria-live="polite">{typers.length ? `${typers.join(', ')} is typing…` : ''}</div>
      <Composer client={client} channel={channel} threadTs={ts} label="Reply…" />
    </aside>
  );
}
