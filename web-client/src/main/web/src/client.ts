// One signed-in workspace: its people, conversations, messages and live state, kept up to date from the socket.
// Components read it and re-render when it says it changed.

import { ApiError, call, refresh, saveSession, type Args, type Session } from './api';
import {
  applyReaction, compareTs, countIncoming, isThreadOnly, markRead, mentions, mergeMessages, removeMessage,
  type Message, type UnreadState,
} from './model';
import { postBytes, sameOrigin } from './files';
import { plain } from './mrkdwn';
import { Rtm, type RtmEvent, type SocketState } from './rtm';

export interface User {
  id: string;
  name: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  profile?: { display_name?: string; real_name?: string; status_text?: string; status_emoji?: string; image_48?: string };
}

export interface Conversation {
  id: string;
  name: string;
  is_channel?: boolean;
  is_group?: boolean;
  is_private?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  is_archived?: boolean;
  user?: string;
  topic?: { value: string };
  purpose?: { value: string };
}

export interface ChannelMessages { messages: Message[]; hasMore: boolean; loading: boolean; loaded: boolean }

export type NotifyPreference = 'all' | 'mentions' | 'none';

const TYPING_SHOWN_MS = 6000;
const PAGE = 200;

export class Client {
  users = new Map<string, User>();
  conversations = new Map<string, Conversation>();
  unread = new Map<string, UnreadState>();
  history = new Map<string, ChannelMessages>();
  threads = new Map<string, Message[]>();
  typing = new Map<string, Map<string, number>>();
  presence = new Map<string, string>();
  pins = new Map<string, Set<string>>();
  socket: SocketState = 'connecting';
  active?: string;
  dndUntil = 0;
  ready = false;
  error?: string;
  private rtm?: Rtm;
  private listeners = new Set<() => void>();
  private pendingEmit = false;
  private typingSent = new Map<string, number>();

  constructor(public session: Session) {}

  get me(): string {
    return this.session.userId;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Batches changes into one render per frame, however many events a burst brings. */
  changed(): void {
    if (this.pendingEmit) return;
    this.pendingEmit = true;
    const emit = () => {
      this.pendingEmit = false;
      for (const l of this.listeners) l();
    };
    // A hidden page gets no animation frames; it still renders, at most ten times a second.
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(emit);
    else setTimeout(emit, 100);
  }

  async api<T = Record<string, any>>(method: string, args: Args = {}): Promise<T> {
    if (Date.now() > this.session.expiresAt - 60_000) await this.renew();
    try {
      return await call<T>(method, args, this.session.token);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'invalid_auth' || e.code === 'token_revoked')) {
        await this.renew();
        return call<T>(method, args, this.session.token);
      }
      throw e;
    }
  }

  private renewing?: Promise<Session>;

  async renew(): Promise<string> {
    this.renewing ??= refresh(this.session).finally(() => (this.renewing = undefined));
    this.session = await this.renewing;
    return this.session.token;
  }

  async start(): Promise<void> {
    this.rtm = new Rtm(this.session.token, {
      event: (e) => this.onEvent(e),
      state: (s) => {
        this.socket = s;
        this.changed();
      },
      resync: (channels) => channels.forEach((c) => this.reloadLatest(c)),
      token: () => this.renew(),
      ready: (first) => this.onReady(first),
    });
    this.rtm.start();
  }

  stop(): void {
    this.rtm?.stop();
  }

  dropSocket(): void {
    this.rtm?.drop();
  }

  private async onReady(first: boolean): Promise<void> {
    if (first) {
      try {
        await this.loadDirectory();
        this.ready = true;
      } catch (e) {
        this.error = (e as Error).message;
      }
      this.changed();
      return;
    }
    // A reconnect: channels the socket resumed are complete. A loaded channel whose seq the client had not seen yet
    // could not be resumed, so it is compared with history (merging is by ts, so nothing doubles); unread counts are
    // read again for the sidebar.
    const unresumed = [...this.history.keys()].filter((c) => this.history.get(c)!.loaded && !this.rtm?.seqs.known(c));
    await Promise.all(unresumed.map((c) => this.reloadLatest(c)));
    await Promise.all([...this.conversations.keys()].filter((c) => c !== this.active).slice(0, 40).map((c) => this.loadUnread(c)));
    this.subscribePresence();
    this.changed();
  }

  async loadDirectory(): Promise<void> {
    const [users, conversations] = await Promise.all([
      this.api<{ members: User[] }>('users.list', { limit: 1000 }),
      this.api<{ channels: Conversation[] }>('users.conversations', {
        types: 'public_channel,private_channel,mpim,im', limit: 1000, exclude_archived: true,
      }),
    ]);
    for (const u of users.members) this.users.set(u.id, u);
    for (const c of conversations.channels) this.conversations.set(c.id, c);
    await Promise.all([
      ...conversations.channels.slice(0, 40).map((c) => this.loadUnread(c.id)),
      // A group DM is shown by its members' names.
      ...conversations.channels.filter((c) => c.is_mpim).slice(0, 20).map(async (c) => {
        const members = await this.api<{ members: string[] }>('conversations.members', { channel: c.id }).catch(() => ({ members: [] }));
        this.conversations.set(c.id, { ...this.conversations.get(c.id)!, members: members.members } as Conversation);
      }),
    ]);
    this.subscribePresence();
    this.api<{ snooze_enabled?: boolean; snooze_endtime?: number }>('dnd.info').then((d) => {
      this.dndUntil = d.snooze_enabled ? (d.snooze_endtime ?? 0) * 1000 : 0;
      this.changed();
    }, () => undefined);
  }

  private async loadUnread(channel: string): Promise<void> {
    try {
      const info = await this.api<{ channel: Conversation & { last_read?: string; unread_count_display?: number; mention_count?: number } }>(
        'conversations.info', { channel });
      this.conversations.set(channel, { ...this.conversations.get(channel), ...info.channel, id: channel });
      const isDirect = !!(info.channel.is_im || info.channel.is_mpim);
      const unread = info.channel.unread_count_display ?? 0;
      this.unread.set(channel, {
        lastRead: info.channel.last_read ?? '0', unread,
        mentions: isDirect ? unread : info.channel.mention_count ?? 0,
      });
    } catch {
      // Left or gone since the list: it stays without counts.
    }
  }

  private subscribePresence(): void {
    const ids = [...this.users.values()].filter((u) => !u.deleted && !u.is_bot).map((u) => u.id).slice(0, 500);
    this.rtm?.request({ type: 'presence_sub', ids }).catch(() => undefined);
    this.api<{ presence: string }>('users.getPresence').then((p) => {
      this.presence.set(this.me, p.presence);
      this.changed();
    }, () => undefined);
  }

  // ---- names --------------------------------------------------------------------------------------------------

  userName(id: string | undefined): string {
    if (!id) return 'unknown';
    const u = this.users.get(id);
    return u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name || id;
  }

  conversationName(c: Conversation | undefined): string {
    if (!c) return '';
    if (c.is_im) return this.userName(c.user);
    if (c.is_mpim) return this.mpimMembers(c).map((u) => this.userName(u)).join(', ') || c.name;
    return c.name;
  }

  /** Group DM members from Slack's name `mpdm-<names…>-1` are not ids here, so members come from the loaded list. */
  mpimMembers(c: Conversation): string[] {
    const members = (c as Conversation & { members?: string[] }).members;
    return (members ?? []).filter((u) => u !== this.me);
  }

  channelNameById = (id: string): string => this.conversations.get(id)?.name ?? id;
  userNameById = (id: string): string => this.userName(id);

  // ---- channel history ----------------------------------------------------------------------------------------

  channel(id: string): ChannelMessages {
    let h = this.history.get(id);
    if (!h) {
      h = { messages: [], hasMore: true, loading: false, loaded: false };
      this.history.set(id, h);
    }
    return h;
  }

  async open(id: string): Promise<void> {
    this.active = id;
    const h = this.channel(id);
    if (!h.loaded) await this.loadOlder(id);
    this.changed();
    if (!this.conversations.get(id)?.hasOwnProperty('last_read')) await this.loadUnread(id);
    this.markSeen(id);
  }

  async loadOlder(id: string): Promise<void> {
    const h = this.channel(id);
    if (h.loading || (h.loaded && !h.hasMore)) return;
    h.loading = true;
    this.changed();
    try {
      const oldest = h.messages[0]?.ts;
      const page = await this.api<{ messages: Message[]; has_more: boolean }>('conversations.history', {
        channel: id, limit: PAGE, latest: oldest, inclusive: false,
      });
      h.messages = mergeMessages(h.messages, page.messages.filter((m) => !isThreadOnly(m)));
      h.hasMore = page.has_more;
      h.loaded = true;
    } finally {
      h.loading = false;
      this.changed();
    }
  }

  /** Merges the newest page into what is held: after a gap or a resume the channel could not replay. */
  async reloadLatest(id: string): Promise<void> {
    const h = this.channel(id);
    if (!h.loaded) return;
    try {
      const page = await this.api<{ messages: Message[] }>('conversations.history', { channel: id, limit: PAGE });
      const newest = page.messages.map((m) => m.ts);
      const oldestOfPage = newest.length ? newest.reduce((a, b) => (compareTs(a, b) < 0 ? a : b)) : undefined;
      // Messages in the page's span that the page lacks were deleted meanwhile.
      const kept = h.messages.filter((m) => !oldestOfPage || compareTs(m.ts, oldestOfPage) < 0 || newest.includes(m.ts));
      h.messages = mergeMessages(kept, page.messages.filter((m) => !isThreadOnly(m)));
      this.changed();
    } catch {
      // The next reconnect tries again.
    }
  }

  async openThread(channel: string, ts: string): Promise<void> {
    const page = await this.api<{ messages: Message[] }>('conversations.replies', { channel, ts, limit: 200 });
    this.threads.set(channel + ':' + ts, page.messages);
    this.changed();
  }

  thread(channel: string, ts: string): Message[] | undefined {
    return this.threads.get(channel + ':' + ts);
  }

  // ---- actions ------------------------------------------------------------------------------------------------

  async post(channel: string, text: string, threadTs?: string, broadcast = false): Promise<void> {
    const answer = await this.api<{ message: Message; ts: string }>('chat.postMessage', {
      channel, text, thread_ts: threadTs, reply_broadcast: broadcast || undefined, client_msg_id: crypto.randomUUID(),
    });
    this.insert(channel, { ...answer.message, ts: answer.ts });
    this.markSeen(channel, answer.ts);
  }

  /** A fresh enough token for a fetch outside the Web API (files and thumbnails need it as a header). */
  async token(): Promise<string> {
    if (Date.now() > this.session.expiresAt - 60_000) await this.renew();
    return this.session.token;
  }

  /** Slack's external upload: announce the file, POST its bytes to the signed URL, then share it here. */
  async upload(channel: string, file: File, onProgress: (loaded: number, total: number) => void, threadTs?: string): Promise<void> {
    const got = await this.api<{ upload_url: string; file_id: string }>('files.getUploadURLExternal', {
      filename: file.name, length: String(file.size),
    });
    await postBytes(sameOrigin(got.upload_url, location.origin), file, onProgress);
    await this.api('files.completeUploadExternal', {
      files: JSON.stringify([{ id: got.file_id, title: file.name }]), channel_id: channel, thread_ts: threadTs,
    });
  }

  async edit(channel: string, ts: string, text: string): Promise<void> {
    const answer = await this.api<{ text: string; message?: Message }>('chat.update', { channel, ts, text });
    this.replace(channel, { ts, text: answer.text, edited: answer.message?.edited ?? { user: this.me, ts: String(Date.now() / 1000) } });
  }

  async remove(channel: string, ts: string): Promise<void> {
    await this.api('chat.delete', { channel, ts });
    this.deleted(channel, ts);
  }

  async toggleReaction(channel: string, m: Message, name: string): Promise<void> {
    const mine = m.reactions?.find((r) => r.name === name)?.users.includes(this.me);
    try {
      await this.api(mine ? 'reactions.remove' : 'reactions.add', { channel, timestamp: m.ts, name });
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 'already_reacted' || e.code === 'no_reaction'))) throw e;
    }
  }

  async togglePin(channel: string, m: Message): Promise<void> {
    const pinned = !!m.pinned_to?.includes(channel);
    await this.api(pinned ? 'pins.remove' : 'pins.add', { channel, timestamp: m.ts });
  }

  typingIn(channel: string): void {
    const last = this.typingSent.get(channel) ?? 0;
    if (Date.now() - last < 3000) return;
    this.typingSent.set(channel, Date.now());
    this.rtm?.send({ type: 'typing', channel });
  }

  markSeen(channel: string, ts?: string): void {
    const h = this.history.get(channel);
    const latest = ts ?? h?.messages[h.messages.length - 1]?.ts;
    const state = this.unread.get(channel) ?? { lastRead: '0', unread: 0, mentions: 0 };
    if (!latest || (compareTs(latest, state.lastRead || '0') <= 0 && state.unread === 0)) return;
    this.unread.set(channel, markRead(state, latest));
    this.changed();
    this.rtm?.request({ type: 'mark', channel, ts: latest }).catch(() => this.api('conversations.mark', { channel, ts: latest }));
  }

  async setStatus(text: string, emoji: string): Promise<void> {
    await this.api('users.profile.set', { profile: { status_text: text, status_emoji: emoji, status_expiration: 0 } });
    const u = this.users.get(this.me);
    if (u) this.users.set(this.me, { ...u, profile: { ...u.profile, status_text: text, status_emoji: emoji } });
    this.changed();
  }

  async setAway(away: boolean): Promise<void> {
    await this.api('users.setPresence', { presence: away ? 'away' : 'auto' });
    const p = await this.api<{ presence: string }>('users.getPresence');
    this.presence.set(this.me, p.presence);
    this.changed();
  }

  async snooze(minutes: number): Promise<void> {
    if (minutes <= 0) {
      await this.api('dnd.endSnooze').catch(() => undefined);
      this.dndUntil = 0;
    } else {
      const d = await this.api<{ snooze_endtime: number }>('dnd.setSnooze', { num_minutes: minutes });
      this.dndUntil = d.snooze_endtime * 1000;
    }
    this.changed();
  }

  async createChannel(name: string, isPrivate: boolean): Promise<string> {
    const answer = await this.api<{ channel: Conversation }>('conversations.create', { name, is_private: isPrivate });
    this.conversations.set(answer.channel.id, answer.channel);
    this.changed();
    return answer.channel.id;
  }

  async openDm(users: string[]): Promise<string> {
    const answer = await this.api<{ channel: Conversation }>('conversations.open', { users: users.join(','), return_im: true });
    const info = await this.api<{ channel: Conversation }>('conversations.info', { channel: answer.channel.id });
    const members = await this.api<{ members: string[] }>('conversations.members', { channel: answer.channel.id });
    this.conversations.set(answer.channel.id, { ...info.channel, members: members.members } as Conversation);
    this.changed();
    return answer.channel.id;
  }

  async browseChannels(): Promise<Conversation[]> {
    const answer = await this.api<{ channels: Conversation[] }>('conversations.list', {
      types: 'public_channel', exclude_archived: true, limit: 1000,
    });
    return answer.channels;
  }

  async join(channel: string): Promise<void> {
    const answer = await this.api<{ channel: Conversation }>('conversations.join', { channel });
    this.conversations.set(channel, answer.channel);
    this.changed();
  }

  async invite(email: string, realName: string, password: string): Promise<{ url?: string; created?: boolean }> {
    if (password) {
      await this.api('admin.users.create', { email, real_name: realName || undefined, password });
      const users = await this.api<{ members: User[] }>('users.list', { limit: 1000 });
      for (const u of users.members) this.users.set(u.id, u);
      this.changed();
      return { created: true };
    }
    const answer = await this.api<{ invite: { url: string } }>('admin.users.invite', { email, real_name: realName || undefined });
    return { url: answer.invite.url };
  }

  async search(query: string): Promise<{ matches: (Message & { channel: { id: string; name: string } })[]; total: number }> {
    const answer = await this.api<{ messages: { matches: any[]; total: number } }>('search.messages', {
      query, count: 20, highlight: true,
    });
    return answer.messages;
  }

  // ---- live events --------------------------------------------------------------------------------------------

  private insert(channel: string, m: Message): void {
    if (isThreadOnly(m)) {
      const key = channel + ':' + m.thread_ts;
      const thread = this.threads.get(key);
      const known = thread?.some((x) => x.ts === m.ts);
      if (thread) this.threads.set(key, mergeMessages(thread, [m]));
      if (!known) {
        this.updateMessage(channel, m.thread_ts!, (p) => ({
          ...p, reply_count: (p.reply_count ?? 0) + 1, latest_reply: m.ts,
          reply_users: [...new Set([...(p.reply_users ?? []), m.user ?? ''])].filter(Boolean),
        }));
      }
    } else {
      // Kept even before the channel's first page arrives: that page is read from before the oldest message held,
      // so a message arriving while it loads is neither lost nor doubled.
      const h = this.channel(channel);
      h.messages = mergeMessages(h.messages, [m]);
      if (m.thread_ts && m.subtype === 'thread_broadcast') {
        const key = channel + ':' + m.thread_ts;
        const thread = this.threads.get(key);
        if (thread) this.threads.set(key, mergeMessages(thread, [m]));
      }
    }
    this.changed();
  }

  private updateMessage(channel: string, ts: string, f: (m: Message) => Message): void {
    const h = this.history.get(channel);
    if (h) h.messages = h.messages.map((m) => (m.ts === ts ? f(m) : m));
    for (const [key, thread] of this.threads) {
      if (key.startsWith(channel + ':')) this.threads.set(key, thread.map((m) => (m.ts === ts ? f(m) : m)));
    }
  }

  private replace(channel: string, changed: Message): void {
    this.updateMessage(channel, changed.ts, (m) => ({ ...m, ...changed }));
    this.changed();
  }

  private deleted(channel: string, ts: string): void {
    const h = this.history.get(channel);
    const inHistory = h?.messages.find((m) => m.ts === ts);
    if (inHistory && (inHistory.reply_count ?? 0) > 0) {
      this.updateMessage(channel, ts, (m) => ({ ...m, subtype: 'tombstone', text: 'This message was deleted.', reactions: [] }));
    } else if (h) {
      h.messages = removeMessage(h.messages, ts);
    }
    for (const [key, thread] of this.threads) {
      if (!key.startsWith(channel + ':')) continue;
      const reply = thread.find((m) => m.ts === ts && m.thread_ts !== m.ts);
      if (reply) {
        this.threads.set(key, removeMessage(thread, ts));
        this.updateMessage(channel, reply.thread_ts!, (p) => ({ ...p, reply_count: Math.max(0, (p.reply_count ?? 1) - 1) }));
      }
    }
    this.changed();
  }

  private onEvent(e: RtmEvent): void {
    switch (e.type) {
      case 'message':
        this.onMessage(e);
        break;
      case 'reaction_added':
      case 'reaction_removed':
        this.updateMessage(e.item.channel, e.item.ts, (m) => applyReaction(m, e.reaction, e.user, e.type === 'reaction_added'));
        this.changed();
        break;
      case 'pin_added':
      case 'pin_removed': {
        const channel = e.channel_id ?? e.item?.channel;
        const ts = e.item?.message?.ts;
        this.updateMessage(channel, ts, (m) => ({
          ...m,
          pinned_to: e.type === 'pin_added' ? [...new Set([...(m.pinned_to ?? []), channel])] : (m.pinned_to ?? []).filter((c) => c !== channel),
        }));
        this.changed();
        break;
      }
      case 'user_typing': {
        const key = e.thread_ts ? e.channel + ':' + e.thread_ts : e.channel;
        const who = this.typing.get(key) ?? new Map<string, number>();
        who.set(e.user, Date.now() + TYPING_SHOWN_MS);
        this.typing.set(key, who);
        this.changed();
        setTimeout(() => this.changed(), TYPING_SHOWN_MS + 50);
        break;
      }
      case 'presence_change':
        for (const u of e.users ?? [e.user]) this.presence.set(u, e.presence);
        this.changed();
        break;
      case 'channel_marked':
      case 'group_marked':
      case 'im_marked':
      case 'mpim_marked': {
        const state = this.unread.get(e.channel) ?? { lastRead: '0', unread: 0, mentions: 0 };
        this.unread.set(e.channel, { lastRead: e.ts, unread: e.unread_count_display ?? 0, mentions: e.num_mentions ?? 0 });
        void state;
        this.changed();
        break;
      }
      case 'im_created':
      case 'mpim_joined':
      case 'group_joined':
      case 'channel_joined':
        void this.refreshConversation(e.channel?.id ?? e.channel);
        break;
      case 'member_joined_channel':
        if (e.user === this.me) void this.refreshConversation(e.channel);
        break;
      case 'member_left_channel':
        if (e.user === this.me) {
          this.conversations.delete(e.channel);
          this.changed();
        }
        break;
      case 'channel_rename':
      case 'channel_archive':
        void this.refreshConversation(e.channel?.id ?? e.channel);
        break;
      case 'team_join':
      case 'user_change':
        if (e.user?.id) this.users.set(e.user.id, e.user);
        this.changed();
        break;
      case 'goodbye':
        this.socket = 'reconnecting';
        this.changed();
        break;
    }
  }

  /**
   * Conversations being read now, each with whether another read was asked for meanwhile: a burst of events for a new
   * conversation reads it once more at most, and a change during a read is never left unread.
   */
  private refreshing = new Map<string, boolean>();

  private async refreshConversation(id: string | undefined): Promise<void> {
    if (!id || typeof id !== 'string') return;
    if (this.refreshing.has(id)) {
      this.refreshing.set(id, true);
      return;
    }
    this.refreshing.set(id, false);
    try {
      const info = await this.api<{ channel: Conversation }>('conversations.info', { channel: id });
      let members: string[] | undefined;
      if (info.channel.is_mpim) members = (await this.api<{ members: string[] }>('conversations.members', { channel: id })).members;
      this.conversations.set(id, { ...info.channel, ...(members ? { members } : {}) } as Conversation);
      await this.loadUnread(id);
      this.changed();
    } catch {
      // Not visible (any more).
    } finally {
      const again = this.refreshing.get(id);
      this.refreshing.delete(id);
      if (again) void this.refreshConversation(id);
    }
  }

  private onMessage(e: RtmEvent): void {
    const channel: string = e.channel;
    if (e.subtype === 'message_changed') {
      this.replace(channel, e.message);
      return;
    }
    if (e.subtype === 'message_deleted') {
      this.deleted(channel, e.deleted_ts);
      return;
    }
    if (e.is_ephemeral) {
      this.insert(channel, { ...e, ts: e.ts } as Message);
      return;
    }
    const m = { ...e } as unknown as Message & Record<string, unknown>;
    delete m.type;
    delete m.seq;
    delete m.channel;
    this.insert(channel, m);
    if (m.user && this.typing.get(channel)?.delete(m.user)) this.changed();
    if (!this.conversations.has(channel)) void this.refreshConversation(channel);
    const conversation = this.conversations.get(channel);
    const isDirect = !!(conversation?.is_im || conversation?.is_mpim);
    const visible = channel === this.active && document.visibilityState === 'visible' && document.hasFocus();
    if (visible && !isThreadOnly(m)) {
      this.markSeen(channel, m.ts);
    } else {
      const state = this.unread.get(channel) ?? { lastRead: '0', unread: 0, mentions: 0 };
      this.unread.set(channel, countIncoming(state, m, this.me, isDirect));
    }
    this.notify(channel, m, isDirect, visible);
  }

  private notify(channel: string, m: Message, isDirect: boolean, visible: boolean): void {
    if (visible || m.user === this.me || Date.now() < this.dndUntil || typeof Notification === 'undefined') return;
    const preference = notifyPreference();
    if (preference === 'none' || Notification.permission !== 'granted') return;
    if (preference === 'mentions' && !isDirect && !mentions(m.text, this.me)) return;
    const where = this.conversationName(this.conversations.get(channel));
    // Notification bodies are plain text, never markup.
    new Notification(`${this.userName(m.user)}${isDirect ? '' : ' in #' + where}`, {
      body: plain(m.text ?? '', this.userNameById, this.channelNameById).slice(0, 200), tag: channel,
    });
  }

  typers(channel: string, threadTs?: string): string[] {
    const who = this.typing.get(threadTs ? channel + ':' + threadTs : channel);
    if (!who) return [];
    const now = Date.now();
    return [...who].filter(([u, until]) => until > now && u !== this.me).map(([u]) => this.userName(u));
  }

  saveSession(): void {
    saveSession(this.session);
  }
}

export function notifyPreference(): NotifyPreference {
  const p = localStorage.getItem('parley.notify');
  return p === 'all' || p === 'none' ? p : 'mentions';
}

export function setNotifyPreference(p: NotifyPreference): void {
  localStorage.setItem('parley.notify', p);
}
