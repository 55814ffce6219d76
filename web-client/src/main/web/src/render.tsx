// Turns parsed mrkdwn into Preact elements. Text goes into text nodes only: nothing from a message, a name or a block
// is ever set as HTML.

import type { ComponentChildren } from 'preact';
import { parse, type Block, type Inline } from './mrkdwn';

export interface Names {
  user(id: string): string;
  channel(id: string): string;
  openChannel?(id: string): void;
}

export function Mrkdwn({ text, names }: { text: string; names: Names }) {
  return <div class="mrkdwn">{parse(text).map((b, i) => block(b, i, names))}</div>;
}

function block(b: Block, key: number, names: Names): ComponentChildren {
  switch (b.t) {
    case 'p':
      return <p key={key}>{inlines(b.c, names)}</p>;
    case 'pre':
      return <pre key={key}><code>{b.v}</code></pre>;
    case 'quote':
      return <blockquote key={key}>{b.c.map((x, i) => block(x, i, names))}</blockquote>;
    case 'ul':
      return <ul key={key}>{b.items.map((it, i) => <li key={i}>{inlines(it, names)}</li>)}</ul>;
    case 'ol':
      return <ol key={key}>{b.items.map((it, i) => <li key={i}>{inlines(it, names)}</li>)}</ol>;
  }
}

export function inlines(nodes: Inline[], names: Names): ComponentChildren[] {
  return nodes.map((n, i) => node(n, i, names));
}

function node(n: Inline, key: number, names: Names): ComponentChildren {
  switch (n.t) {
    case 'text':
      return n.v;
    case 'br':
      return <br key={key} />;
    case 'b':
      return <strong key={key}>{inlines(n.c, names)}</strong>;
    case 'i':
      return <em key={key}>{inlines(n.c, names)}</em>;
    case 's':
      return <del key={key}>{inlines(n.c, names)}</del>;
    case 'code':
      return <code key={key}>{n.v}</code>;
    case 'link':
      return <a key={key} href={n.url} target="_blank" rel="noopener noreferrer nofollow">{inlines(n.label, names)}</a>;
    case 'user':
      return <span key={key} class="mention">@{n.label ?? names.user(n.id)}</span>;
    case 'channel':
      return (
        <button key={key} type="button" class="mention channel-link" onClick={() => names.openChannel?.(n.id)}>
          #{n.label ?? names.channel(n.id)}
        </button>
      );
    case 'broadcast':
      return <span key={key} class="mention broadcast">@{n.v}</span>;
    case 'emoji':
      return <span key={key} class="emoji" role="img" aria-label={n.name} title={`:${n.name}:`}>{n.char}</span>;
  }
}

/** Block Kit text the client shows when a message has blocks: section, header and context texts, as plain text. */
export function blockTexts(blocks: unknown[] | undefined): string[] {
  const out: string[] = [];
  for (const b of blocks ?? []) {
    if (!b || typeof b !== 'object') continue;
    const block = b as { type?: string; text?: { text?: string }; elements?: { text?: string }[] };
    if ((block.type === 'section' || block.type === 'header') && typeof block.text?.text === 'string') out.push(block.text.text);
    if (block.type === 'context') for (const e of block.elements ?? []) if (typeof e?.text === 'string') out.push(e.text);
  }
  return out;
}
