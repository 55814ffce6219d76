import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { inline, parse, plain, safeUrl } from '../src/mrkdwn';
import { Mrkdwn } from '../src/render';

const names = { user: (id: string) => (id === 'U1' ? 'ann' : id), channel: (id: string) => (id === 'C1' ? 'general' : id) };

function html(text: string): HTMLElement {
  const host = document.createElement('div');
  render(<Mrkdwn text={text} names={names} />, host);
  return host;
}

describe('mrkdwn', () => {
  it('parses bold, italic, strike and code', () => {
    expect(inline('*bold* _it_ ~gone~ `x*y*`')).toEqual([
      { t: 'b', c: [{ t: 'text', v: 'bold' }] }, { t: 'text', v: ' ' },
      { t: 'i', c: [{ t: 'text', v: 'it' }] }, { t: 'text', v: ' ' },
      { t: 's', c: [{ t: 'text', v: 'gone' }] }, { t: 'text', v: ' ' },
      { t: 'code', v: 'x*y*' },
    ]);
  });

  it('leaves markers inside words and unmatched ones alone', () => {
    expect(inline('2*3*4 and snake_case_name and * lone')).toEqual([{ t: 'text', v: '2*3*4 and snake_case_name and * lone' }]);
    expect(inline('window.__pwned=2 x.__y_')).toEqual([{ t: 'text', v: 'window.__pwned=2 x.__y_' }]);
    expect(inline('(_a_) *_both_*')).toEqual([{ t: 'text', v: '(' }, { t: 'i', c: [{ t: 'text', v: 'a' }] }, { t: 'text', v: ') ' },
      { t: 'b', c: [{ t: 'i', c: [{ t: 'text', v: 'both' }] }] }]);
  });

  it('parses code blocks, quotes and lists', () => {
    expect(parse('before\n```\nline *1*\n<b>\n```\n> quoted *bold*\n- one\n- two\n1. first')).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'before' }] },
      { t: 'pre', v: 'line *1*\n<b>\n' },
      { t: 'quote', c: [{ t: 'p', c: [{ t: 'text', v: 'quoted ' }, { t: 'b', c: [{ t: 'text', v: 'bold' }] }] }] },
      { t: 'ul', items: [[{ t: 'text', v: 'one' }], [{ t: 'text', v: 'two' }]] },
      { t: 'ol', items: [[{ t: 'text', v: 'first' }]] },
    ]);
  });

  it('parses links, mentions, channels, broadcasts and emoji', () => {
    expect(inline('<https://x.test/a?b=1&amp;c=2|the site> <@U1> <#C1|general> <!here> :tada: :nope:')).toEqual([
      { t: 'link', url: 'https://x.test/a?b=1&c=2', label: [{ t: 'text', v: 'the site' }] }, { t: 'text', v: ' ' },
      { t: 'user', id: 'U1', label: undefined }, { t: 'text', v: ' ' },
      { t: 'channel', id: 'C1', label: 'general' }, { t: 'text', v: ' ' },
      { t: 'broadcast', v: 'here' }, { t: 'text', v: ' ' },
      { t: 'emoji', name: 'tada', char: '🎉' }, { t: 'text', v: ' :nope:' },
    ]);
  });

  it('only lets http, https and mailto become links', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,<script>')).toBeUndefined();
    expect(inline('<javascript:alert(1)|click>')).toEqual([{ t: 'text', v: '<javascript:alert(1)|click>' }]);
    const host = html('<javascript:alert(1)|click> <https://ok.test|ok>');
    expect([...host.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://ok.test']);
  });

  it('renders markup in messages as text, never as elements', () => {
    const host = html('<img src=x onerror=alert(1)> &lt;script&gt;alert(2)&lt;/script&gt; *<b>bold</b>* `<i>`\n```<svg onload=alert(3)>```');
    expect(host.querySelector('img, script, svg, b, i[onerror]')).toBeNull();
    expect(host.querySelectorAll('[onerror], [onload]').length).toBe(0);
    expect(host.textContent).toContain('<script>alert(2)</script>');
    expect(host.textContent).toContain('<svg onload=alert(3)>');
    expect(host.querySelector('strong')!.textContent).toBe('<b>bold</b>');
  });

  it('renders names from the directory as text', () => {
    const evil = { user: () => '<img src=x onerror=alert(1)>', channel: () => '<script>x</script>' };
    const host = document.createElement('div');
    render(<Mrkdwn text="hi <@U9> in <#C9>" names={evil} />, host);
    expect(host.querySelector('img, script')).toBeNull();
    expect(host.textContent).toBe('hi @<img src=x onerror=alert(1)> in #<script>x</script>');
  });

  it('gives plain text for notifications', () => {
    expect(plain('hey <@U1>, see <#C1> &amp; <https://x.test|this> <!channel>', names.user, names.channel))
      .toBe('hey @ann, see #general & this @channel');
  });
});
