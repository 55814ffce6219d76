// Slack mrkdwn, parsed into a small tree that the UI turns into DOM nodes (never into an HTML string), so text from
// messages, names or blocks can never become markup.

import { emojiChar } from './emoji';

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'b' | 'i' | 's'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; url: string; label: Inline[] }
  | { t: 'user'; id: string; label?: string }
  | { t: 'channel'; id: string; label?: string }
  | { t: 'broadcast'; v: string }
  | { t: 'emoji'; name: string; char: string }
  | { t: 'br' };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'pre'; v: string }
  | { t: 'quote'; c: Block[] }
  | { t: 'ul' | 'ol'; items: Inline[][] };

/** Slack escapes only these three in message text. */
export function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function encodeEntities(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Only these schemes become links; anything else (javascript:, data:, …) stays text. */
export function safeUrl(url: string): string | undefined {
  const u = decodeEntities(url.trim());
  return /^(https?:\/\/|mailto:)/i.test(u) ? u : undefined;
}

const LIST_ITEM = /^\s*(?:[-•*]|(\d+)[.)])\s+(.*)$/;

export function parse(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let i = 0;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ t: 'p', c: inlineLines(paragraph) });
    paragraph = [];
  };
  while (i < lines.length) {
    const line = lines[i];
    const fence = line.indexOf('```');
    if (fence >= 0) {
      // A code block runs to the next ``` (on this line or a later one); text before it on the line is a paragraph.
      const before = line.slice(0, fence);
      if (before.trim()) paragraph.push(before);
      flush();
      let rest = line.slice(fence + 3);
      const body: string[] = [];
      let closed = false;
      while (true) {
        const end = rest.indexOf('```');
        if (end >= 0) {
          body.push(rest.slice(0, end));
          rest = rest.slice(end + 3);
          closed = true;
          break;
        }
        body.push(rest);
        i += 1;
        if (i >= lines.length) break;
        rest = lines[i];
      }
      if (!closed) {
        // No closing fence: Slack shows the backticks as typed.
        paragraph.push('```' + body.join('\n'));
        flush();
        i += 1;
        continue;
      }
      blocks.push({ t: 'pre', v: decodeEntities(body.join('\n').replace(/^\n/, '')) });
      if (rest.trim()) paragraph.push(rest);
      i += 1;
      continue;
    }
    const quote = /^(?:&gt;|>)\s?(.*)$/.exec(line);
    if (quote) {
      flush();
      const inner: string[] = [];
      while (i < lines.length) {
        const q = /^(?:&gt;|>)\s?(.*)$/.exec(lines[i]);
        if (!q) break;
        inner.push(q[1]);
        i += 1;
      }
      blocks.push({ t: 'quote', c: parse(inner.join('\n')) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      const ordered = item[1] !== undefined;
      const items: Inline[][] = [];
      while (i < lines.length) {
        const it = LIST_ITEM.exec(lines[i]);
        if (!it || (it[1] !== undefined) !== ordered) break;
        items.push(inline(it[2]));
        i += 1;
      }
      blocks.push({ t: ordered ? 'ol' : 'ul', items });
      continue;
    }
    paragraph.push(line);
    i += 1;
  }
  flush();
  return blocks;
}

function inlineLines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((l, n) => {
    if (n > 0) out.push({ t: 'br' });
    out.push(...inline(l));
  });
  return out;
}

const WORD = /[\p{L}\p{N}_]/u;
/** What may stand before an opening `*`, `_` or `~`: Slack formats only at the start of a word. */
const OPENS_AFTER = /[\s(\[{"'“‘*_~>]/u;
const STYLES: Record<string, 'b' | 'i' | 's'> = { '*': 'b', _: 'i', '~': 's' };

/** Parses one line of inline mrkdwn. */
export function inline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (node: Inline) => {
    if (text) out.push({ t: 'text', v: decodeEntities(text) });
    text = '';
    out.push(node);
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        push({ t: 'code', v: decodeEntities(s.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    } else if (ch === '<') {
      const end = s.indexOf('>', i + 1);
      if (end > i + 1) {
        const node = angle(s.slice(i + 1, end));
        if (node) {
          push(node);
          i = end + 1;
          continue;
        }
      }
    } else if (ch in STYLES) {
      const before = i === 0 ? '' : s[i - 1];
      if ((before === '' || (OPENS_AFTER.test(before) && before !== ch)) && s[i + 1] && s[i + 1] !== ' ' && s[i + 1] !== ch) {
        let end = s.indexOf(ch, i + 1);
        while (end > 0 && (s[end - 1] === ' ' || (s[end + 1] && WORD.test(s[end + 1])))) end = s.indexOf(ch, end + 1);
        if (end > i + 1) {
          push({ t: STYLES[ch], c: inline(s.slice(i + 1, end)) });
          i = end + 1;
          continue;
        }
      }
    } else if (ch === ':') {
      const m = /^:([a-z0-9_+-]+):/.exec(s.slice(i));
      const char = m && emojiChar(m[1]);
      if (m && char) {
        push({ t: 'emoji', name: m[1], char });
        i += m[0].length;
        continue;
      }
    } else if ((ch === 'h' || ch === 'H') && (i === 0 || !WORD.test(s[i - 1]))) {
      const m = /^https?:\/\/[^\s<>]+[^\s<>.,;:!?)\]'"]/i.exec(s.slice(i));
      if (m) {
        const url = safeUrl(m[0]);
        if (url) {
          push({ t: 'link', url, label: [{ t: 'text', v: url }] });
          i += m[0].length;
          continue;
        }
      }
    }
    text += ch;
    i += 1;
  }
  if (text) out.push({ t: 'text', v: decodeEntities(text) });
  return out;
}

function angle(body: string): Inline | undefined {
  const bar = body.indexOf('|');
  const target = bar >= 0 ? body.slice(0, bar) : body;
  const label = bar >= 0 ? body.slice(bar + 1) : undefined;
  if (target.startsWith('@')) return { t: 'user', id: target.slice(1), label: label && decodeEntities(label) };
  if (target.startsWith('#')) return { t: 'channel', id: target.slice(1), label: label && decodeEntities(label) };
  if (target.startsWith('!')) {
    const what = target.slice(1);
    if (what === 'here' || what === 'channel' || what === 'everyone') return { t: 'broadcast', v: what };
    if (what.startsWith('subteam^')) return { t: 'broadcast', v: label ? decodeEntities(label).replace(/^@/, '') : what.slice(8) };
    return undefined;
  }
  const url = safeUrl(target);
  if (!url) return undefined;
  return { t: 'link', url, label: label ? inline(label) : [{ t: 'text', v: url }] };
}

/** The plain text of a message, for notifications and previews (mentions resolved by the caller's lookups). */
export function plain(text: string, userName: (id: string) => string, channelName: (id: string) => string): string {
  return decodeEntities(text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id) => '@' + userName(id))
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id, label) => '#' + (label || channelName(id)))
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1'));
}
