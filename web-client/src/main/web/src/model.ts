// The client's pure logic: message lists, grouping, unread and mention counting, and the per-channel seq bookkeeping
// that makes reconnects lossless. No DOM, no network: unit-tested with Vitest.

import type { SlackFile } from './files';

export interface Reaction { name: string; users: string[]; count: number }

export interface Message {
  ts: string;
  user?: string;
  bot_id?: string;
  username?: string;
  text?: string;
  subtype?: string;
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: Reaction[];
  pinned_to?: string[];
  blocks?: unknown[];
  files?: SlackFile[];
  client_msg_id?: string;
  topic?: string;
  purpose?: string;
  name?: string;
  old_name?: string;
  inviter?: string;
  /** Set on a message this client sent that the server has not acknowledged yet. */
  pending?: boolean;
}

/** Orders ts strings ("1795463065.000100") numerically: seconds first, then the fraction. */
export function compareTs(a: string, b: string): number {
  const [as, af = ''] = a.split('.');
  const [bs, bf = ''] = b.split('.');
  if (as.length !== bs.length) return as.length - bs.length;
  if (as !== bs) return as < bs ? -1 : 1;
  const fa = af.padEnd(6, '0'), fb = bf.padEnd(6, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

export function tsDate(ts: string): Date {
  return new Date(Number(ts.split('.')[0]) * 1000);
}

/**
 * Inserts or replaces messages by ts, keeping the list sorted and free of duplicates; returns a new array. The list is
 * sorted (every list this returns is). One live message, the common case, is placed by binary search: a busy channel
 * receiving thousands of messages costs one array copy each, not a sort of everything held.
 */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return list as Message[];
  if (incoming.length === 1) {
    const m = incoming[0];
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTs(list[mid].ts, m.ts) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out = list.slice();
    if (lo < list.length && list[lo].ts === m.ts) out[lo] = { ...list[lo], ...m, pending: m.pending };
    else out.splice(lo, 0, { ...m, pending: m.pending });
    return out;
  }
  const byTs = new Map<string, Message>();
  for (const m of list) byTs.set(m.ts, m);
  for (const m of incoming) byTs.set(m.ts, { ...byTs.get(m.ts), ...m, pending: m.pending });
  return [...byTs.values()].sort((a, b) => compareTs(a.ts, b.ts));
}

export function removeMessage(list: readonly Message[], ts: string): Message[] {
  return list.filter((m) => m.ts !== ts);
}

/** A reply that belongs in a thread only (not also broadcast to the channel). */
export function isThreadOnly(m: Message): boolean {
  return !!m.thread_ts && m.thread_ts !== m.ts && m.subtype !== 'thread_broadcast';
}

export function applyReaction(m: Message, name: string, user: string, added: boolean): Message {
  const reactions = (m.reactions ?? []).map((r) => ({ ...r, users: [...r.users] }));
  let r = reactions.find((x) => x.name === name);
  if (added) {
    if (!r) {
      r = { name, users: [], count: 0 };
      reactions.push(r);
    }
    if (!r.users.includes(user)) {
      r.users.push(user);
      r.count += 1;
    }
  } else if (r && r.users.includes(user)) {
    r.users = r.users.filter((u) => u !== user);
    r.count -= 1;
  }
  return { ...m, reactions: reactions.filter((x) => x.count > 0) };
}

/** Channel messages Slack writes for membership and settings: shown centred and never grouped. */
export const SYSTEM_SUBTYPES = new Set([
  'channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive',
  'channel_unarchive', 'channel_convert_to_private', 'channel_convert_to_public', 'group_join', 'group_leave',
  'pinned_item', 'tombstone',
]);

export function isSystem(m: Message): boolean {
  return !!m.subtype && SYSTEM_SUBTYPES.has(m.subtype);
}

export type Row =
  | { kind: 'day'; key: string; day: string }
  | { kind: 'message'; key: string; message: Message; continued: boolean };

const GROUP_WINDOW_SECONDS = 5 * 60;

export function dayKey(ts: string): string {
  const d = tsDate(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Day separators and grouping as Slack shows them: a message by the same author within five minutes of the previous
 * one, on the same day, with neither a system message, continues the group (no name or avatar repeated).
 */
export function buildRows(messages: readonly Message[]): Row[] {
  const rows: Row[] = [];
  let previous: Message | undefined;
  for (const m of messages) {
    const day = dayKey(m.ts);
    if (!previous || dayKey(previous.ts) !== day) {
      rows.push({ kind: 'day', key: 'day-' + day, day });
      previous = undefined;
    }
    const continued = !!previous && !isSystem(m) && !isSystem(previous) && author(previous) === author(m)
      && Number(m.ts.split('.')[0]) - Number(previous.ts.split('.')[0]) < GROUP_WINDOW_SECONDS;
    rows.push({ kind: 'message', key: m.ts, message: m, continued });
    previous = m;
  }
  return rows;
}

function author(m: Message): string {
  return m.user ?? m.bot_id ?? m.username ?? '';
}

/** Whether a message's text mentions the user: directly, or through @channel / @here / @everyone. */
export function mentions(text: string | undefined, userId: string): boolean {
  if (!text) return false;
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`) || /<!(channel|here|everyone)(\|[^>]*)?>/.test(text);
}

export interface UnreadState { lastRead: string; unread: number; mentions: number }

/**
 * Counts a live message into a channel's unread state: someone else's message after the read marker is unread, and a
 * mention too (every message of a DM counts as one, as in Slack). Thread-only replies and system messages do not count.
 */
export function countIncoming(state: UnreadState, m: Message, me: string, isDirect: boolean): UnreadState {
  if (m.user === me || isThreadOnly(m) || compareTs(m.ts, state.lastRead || '0') <= 0) return state;
  if (m.subtype && m.subtype !== 'thread_broadcast' && m.subtype !== 'bot_message' && m.subtype !== 'me_message') {
    return state;
  }
  return {
    ...state,
    unread: state.unread + 1,
    mentions: state.mentions + (isDirect || mentions(m.text, me) ? 1 : 0),
  };
}

export function markRead(state: UnreadState, ts: string): UnreadState {
  if (compareTs(ts, state.lastRead || '0') <= 0 && state.unread === 0) return state;
  return { lastRead: compareTs(ts, state.lastRead || '0') > 0 ? ts : state.lastRead, unread: 0, mentions: 0 };
}

/** What to do with a channel event given the last seq seen for its channel. */
export type SeqVerdict = 'apply' | 'duplicate' | 'gap';

/**
 * The last seq seen per channel, the client's half of resume: events at or below it are duplicates (a replay overlapping
 * live delivery), one more than it is applied, and a jump is a gap the client must fill (by resuming).
 */
export class SeqTracker {
  private readonly last = new Map<string, number>();

  constructor(initial?: Record<string, number>) {
    for (const [channel, seq] of Object.entries(initial ?? {})) this.last.set(channel, seq);
  }

  accept(channel: string, seq: number): SeqVerdict {
    const last = this.last.get(channel);
    if (last !== undefined && seq <= last) return 'duplicate';
    if (last !== undefined && seq > last + 1) return 'gap';
    this.last.set(channel, seq);
    return 'apply';
  }

  /** After a gap was filled by other means (history reloaded): start again from the seq just seen. */
  reset(channel: string, seq?: number): void {
    if (seq === undefined) this.last.delete(channel);
    else this.last.set(channel, seq);
  }

  known(channel: string): boolean {
    return this.last.has(channel);
  }

  /** The `channels` of a resume frame. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.last);
  }
}

/** Reconnect delays: quick at first, then backing off to a ceiling, with jitter so clients do not reconnect in step. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base / 2 + (base / 2) * random());
}

/** Sorts the sidebar: channels by name, DMs and group DMs by name, each section on its own. */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

/** Matches quick-switcher entries: prefix matches first, then substring, case-insensitively. */
export function fuzzyFilter<T>(items: readonly T[], query: string, label: (t: T) => string, limit = 10): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return items.slice(0, limit);
  const prefix: T[] = [], inner: T[] = [];
  for (const item of items) {
    const l = label(item).toLowerCase();
    if (l.startsWith(q)) prefix.push(item);
    else if (l.includes(q)) inner.push(item);
  }
  return [...prefix, ...inner].slice(0, limit);
}
