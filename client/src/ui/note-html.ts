/**
 * A note's HTML as rendered by the server (markdown-it, raw HTML off, no images, only http,
 * https and mailto links) turned into DOM nodes. The server's rendering is already safe; this
 * copies only an allowlist of tags and attributes anyway, so a server bug or an older stored
 * rendering can never run a script, load an image or style the page. The HTML is parsed with
 * DOMParser, whose document runs nothing and fetches nothing, and never assigned to innerHTML.
 */

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'hr',
  'em',
  'strong',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const SAFE_LINK = /^(https?:|mailto:)/i;

function copy(node: Node, into: Node): void {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.appendChild(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (!(child instanceof Element)) continue;
    const tag = child.tagName.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) {
      // Unknown markup keeps its text, not its behaviour (script and style lose both).
      if (tag !== 'script' && tag !== 'style') copy(child, into);
      continue;
    }
    const element = document.createElement(tag);
    if (tag === 'a') {
      const href = child.getAttribute('href') ?? '';
      if (SAFE_LINK.test(href.trim())) {
        element.setAttribute('href', href.trim());
        element.setAttribute('rel', 'noopener nofollow noreferrer');
        element.setAttribute('target', '_blank');
      }
    }
    copy(child, element);
    into.appendChild(element);
  }
}

/** The note's rendered HTML as a fragment of allowed elements and text. */
export function noteFragment(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  copy(parsed.body, fragment);
  return fragment;
}
