import { describe, expect, it } from 'vitest';
import {
  applyReaction, backoff, buildRows, compareTs, countIncoming, markRead, mergeMessages, SeqTracker, type Message,
} from '../src/model';
import { outgoing, suggestions } from '../src/messages';

const at = (seconds: number, user = 'U1', extra: Partial<Message> = {}): Message =>
  ({ ts: `${seconds}.000100`, user, text: 'x', ...extra });
const DAY = 1_795_000_000 - (1_795_000_000 % 86400) + 43200; // noon UTC

describe('message lists', () => {
  it('orders ts numerically and merges without duplicates', () => {
    expect(compareTs('999.000001', '1000.000000')).toBeLessThan(0);
    expect(compareTs('1000.000010', '1000.000009')).toBeGreaterThan(0);
    const list = mergeMessages([at(3), at(1)], [at(2), { ...at(3), text: 'edited' }]);
    expect(list.map((m) => m.ts)).toEqual(['1.000100', '2.000100', '3.000100']);
    expect(list[2].text).toBe('edited');
  });

  it('places one live message in order, replacing the one with its ts', () => {
    let list = mergeMessages([], [at(2)]);
    list = mergeMessages(list, [at(4)]);
    list = mergeMessages(list, [at(1)]);
    list = mergeMessages(list, [at(3)]);
    list = mergeMessages(list, [{ ...at(3), text: 'edited', pending: true }]);
    list = mergeMessages(list, [{ ...at(3), text: 'acknowledged' }]);
    expect(list.map((m) => m.ts)).toEqual(['1.000100', '2.000100', '3.000100', '4.000100']);
    expect(list[2]).toMatchObject({ text: 'acknowledged', pending: undefined });
  });

  it('keeps a 10,000-message channel cheap to append to', () => {
    let list: Message[] = [];
    for (let i = 1; i <= 10_000; i++) list = mergeMessages(list, [at(i)]);
    expect(list.length).toBe(10_000);
    expect(list[9_999].ts).toBe('10000.000100');
  });

  it('groups consecutive messages of one author within five minutes, with day separators', () => {
    const rows = buildRows([
      at(DAY), at(DAY + 60), at(DAY + 60 + 301), at(DAY + 400, 'U2'),
      at(DAY + 401, 'U2', { subtype: 'channel_join' }), at(DAY + 402, 'U2'), at(DAY + 86400, 'U2'),
    ]);
    expect(rows.map((r) => (r.kind === 'day' ? 'day' : r.continued ? 'cont' : 'new'))).toEqual(
      ['day', 'new', 'cont', 'new', 'new', 'new', 'new', 'day', 'new']);
  });
});

describe('unread state', () => {
  const start = { lastRead: '100.000000', unread: 0, mentions: 0 };

  it('counts others\' messages after the marker, and mentions of me or @channel', () => {
    let s = countIncoming(start, at(101, 'U2'), 'ME', false);
    s = countIncoming(s, at(102, 'U2', { text: 'hi <@ME>' }), 'ME', false);
    s = countIncoming(s, at(103, 'U2', { text: '<!channel> lunch' }), 'ME', false);
    expect(s).toEqual({ lastRead: '100.000000', unread: 3, mentions: 2 });
  });

  it('ignores my own messages, old ones, thread-only replies and channel messages; counts every DM message', () => {
    let s = countIncoming(start, at(101, 'ME'), 'ME', false);
    s = countIncoming(s, at(99, 'U2'), 'ME', false);
    s = countIncoming(s, at(104, 'U2', { thread_ts: '101.000100' }), 'ME', false);
    s = countIncoming(s, at(105, 'U2', { subtype: 'channel_join' }), 'ME', false);
    expect(s).toEqual(start);
    expect(countIncoming(start, at(106, 'U2'), 'ME', true).mentions).toBe(1);
  });

  it('marking read clears counts and never moves the marker back', () => {
    expect(markRead({ lastRead: '200.000000', unread: 2, mentions: 1 }, '150.000000'))
      .toEqual({ lastRead: '200.000000', unread: 0, mentions: 0 });
    expect(markRead({ lastRead: '200.000000', unread: 2, mentions: 1 }, '300.000000').lastRead).toBe('300.000000');
  });
});

describe('reactions', () => {
  it('adds, counts and removes per user, dropping empty reactions', () => {
    let m = applyReaction(at(1), 'tada', 'U1', true);
    m = applyReaction(m, 'tada', 'U2', true);
    m = applyReaction(m, 'tada', 'U2', true);
    expect(m.reactions).toEqual([{ name: 'tada', users: ['U1', 'U2'], count: 2 }]);
    m = applyReaction(applyReaction(m, 'tada', 'U1', false), 'tada', 'U2', false);
    expect(m.reactions).toEqual([]);
  });
});

describe('resume bookkeeping', () => {
  it('applies the next seq, drops replays and reports gaps', () => {
    const seqs = new SeqTracker();
    expect(seqs.accept('C1', 5)).toBe('apply');
    expect(seqs.accept('C1', 6)).toBe('apply');
    expect(seqs.accept('C1', 6)).toBe('duplicate');
    expect(seqs.accept('C1', 3)).toBe('duplicate');
    expect(seqs.accept('C1', 9)).toBe('gap');
    expect(seqs.snapshot()).toEqual({ C1: 6 });
    seqs.reset('C1', 9);
    expect(seqs.accept('C1', 10)).toBe('apply');
    expect(seqs.snapshot()).toEqual({ C1: 10 });
  });

  it('backs off, with jitter, up to ten seconds', () => {
    expect(backoff(0, () => 0)).toBe(250);
    expect(backoff(0, () => 1)).toBe(500);
    expect(backoff(20, () => 1)).toBe(10_000);
  });
});

describe('composer', () => {
  const users = new Map([['U1', { id: 'U1', name: 'ann', real_name: 'Ann Owner' }], ['U2', { id: 'U2', name: 'bob' }]]);
  const conversations = new Map([['C1', { id: 'C1', name: 'general', is_channel: true }]]);
  const client = { users, conversations, userName: (id: string) => users.get(id)?.real_name ?? users.get(id)?.name ?? id } as never;

  it('suggests people, channels and emoji for the word being typed', () => {
    expect(suggestions(client, '@an').map((s) => s.insert)).toEqual(['<@U1>']);
    expect(suggestions(client, '@he').map((s) => s.insert)).toEqual(['<!here>']);
    expect(suggestions(client, '#gen').map((s) => s.insert)).toEqual(['<#C1|general>']);
    expect(suggestions(client, ':tad').map((s) => s.insert)).toEqual([':tada:']);
  });

  it('escapes what was typed and turns picked mentions into markup', () => {
    expect(outgoing('<b>hi</b> @Ann Owner & #general', new Map([['@Ann Owner', '<@U1>'], ['#general', '<#C1|general>']])))
      .toBe('&lt;b&gt;hi&lt;/b&gt; <@U1> &amp; <#C1|general>');
  });
});

describe('system messages', () => {
  it('are worded as Slack words them', async () => {
    const { systemText } = await import('../src/messages');
    const names = { userName: (id?: string) => ({ U1: 'ann', U2: 'bob' } as Record<string, string>)[id ?? ''] ?? 'someone' };
    expect(systemText({ ts: '1.0', user: 'U2', subtype: 'channel_join', inviter: 'U1' }, names)).toBe('bob joined (added by ann)');
    expect(systemText({ ts: '1.0', user: 'U1', subtype: 'channel_topic', topic: 'Plans' }, names)).toBe('ann set the channel topic: Plans');
    expect(systemText({ ts: '1.0', user: 'U1', subtype: 'channel_name', old_name: 'a', name: 'b' }, names))
      .toBe('ann renamed the channel from "a" to "b"');
    expect(systemText({ ts: '1.0', user: 'U2', subtype: 'channel_leave' }, names)).toBe('bob left');
  });
});

describe('sequenced events', () => {
  it('belong to the channel they name, or to their item\'s', async () => {
    const { eventChannel } = await import('../src/rtm');
    expect(eventChannel({ type: 'message', channel: 'C1' })).toBe('C1');
    expect(eventChannel({ type: 'reaction_added', item: { channel: 'C2', ts: '1.0' } })).toBe('C2');
    expect(eventChannel({ type: 'pin_added', channel_id: 'C3', item: { channel: 'C3' } })).toBe('C3');
    expect(eventChannel({ type: 'presence_change' })).toBeUndefined();
  });
});
