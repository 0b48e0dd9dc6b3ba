/**
 * Renders a note's Markdown to HTML that is safe to put into a page as it is: markdown-it with
 * raw HTML off (tags come out as text), links only to http, https and mailto addresses (any
 * other link stays as its Markdown text), every link marked rel="noopener nofollow", and no
 * images: an image becomes a link to its address, so opening a note never fetches anything.
 */
import MarkdownIt from 'markdown-it';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** True for an absolute http(s) or mailto address; relative, javascript:, data: … are refused. */
export function isSafeLinkTarget(url: string): boolean {
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = isSafeLinkTarget;
  md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    tokens[index]?.attrSet('rel', 'noopener nofollow');
    return self.renderToken(tokens, index, options);
  };
  md.renderer.rules.image = (tokens, index) => {
    const token = tokens[index];
    const src = String(token?.attrGet('src') ?? '');
    const alt = token?.children?.map((child) => child.content).join('') || src;
    const escapeHtml = md.utils.escapeHtml;
    return `<a href="${escapeHtml(src)}" rel="noopener nofollow">image: ${escapeHtml(alt)}</a>`;
  };
  return md;
}

const renderer = createRenderer();

export function renderNoteMarkdown(markdown: string): string {
  return renderer.render(markdown);
}
