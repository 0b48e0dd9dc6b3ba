import { describe, expect, it } from 'vitest';
import { isSafeLinkTarget, renderNoteMarkdown } from '../../../server/model/markdown';

describe('note Markdown renderer', () => {
  it('renders ordinary Markdown', () => {
    const html = renderNoteMarkdown(
      '# Lead\n\nLei Jun **founded** _Xiaomi_.\r\n\r\n- one\r- two\n',
    );
    expect(html).toContain('<h1>Lead</h1>');
    expect(html).toContain('<strong>founded</strong>');
    expect(html).toContain('<em>Xiaomi</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<li>two</li>');
  });

  it('prints raw HTML as text, never as markup', () => {
    const html = renderNoteMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nhi <b onclick="x()">there</b>',
    );
    expect(html).not.toMatch(/<script|<img|<b[ >]|<iframe/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('links only http, https and mailto addresses, with rel="noopener nofollow"', () => {
    const html = renderNoteMarkdown(
      '[ok](https://example.org/a?b=1&c=2) [mail](mailto:desk@example.org) [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [rel](/graphql) [vb](vbscript:x) [file](file:///etc/passwd)',
    );
    expect(html).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener nofollow">ok</a>',
    );
    expect(html).toContain('<a href="mailto:desk@example.org" rel="noopener nofollow">mail</a>');
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html).toContain('[js](javascript:alert(1))');
    expect(html).toContain('[rel](/graphql)');
  });

  it('turns bare http(s) addresses into links, and nothing else', () => {
    const html = renderNoteMarkdown('see https://example.org/x and javascript:alert(1)');
    expect(html).toContain('<a href="https://example.org/x" rel="noopener nofollow">');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('never embeds an image: a safe one becomes a link, an unsafe one stays text', () => {
    const html = renderNoteMarkdown(
      '![tracking pixel](https://evil.example/p.gif) ![x](javascript:alert(1)) ![](https://e.example/q.png)',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '<a href="https://evil.example/p.gif" rel="noopener nofollow">image: tracking pixel</a>',
    );
    expect(html).toContain('image: https://e.example/q.png');
    expect(html).toContain('![x](javascript:alert(1))');
  });

  it('escapes hostile text in link labels, titles and code', () => {
    const html = renderNoteMarkdown(
      '[<img src=x>](https://example.org "a\\" onmouseover=\\"x") `<script>` ![<svg onload=x>](https://e.org/i.png)',
    );
    expect(html).not.toMatch(/<img|<svg|<script/);
    expect(html).not.toMatch(/"\s+onmouseover=/);
  });

  it('accepts only absolute safe targets', () => {
    expect(isSafeLinkTarget('https://example.org')).toBe(true);
    expect(isSafeLinkTarget('HTTP://EXAMPLE.ORG')).toBe(true);
    expect(isSafeLinkTarget(' javascript:alert(1)')).toBe(false);
    expect(isSafeLinkTarget('//evil.example/x')).toBe(false);
    expect(isSafeLinkTarget('ftp://example.org')).toBe(false);
    expect(isSafeLinkTarget('')).toBe(false);
  });
});
