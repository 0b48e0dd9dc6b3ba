/**
 * GraphiQL served entirely by this server: `@graphql-yoga/render-graphiql` inlines GraphiQL's
 * script, styles, fonts and the Monaco editor's workers (started from blob: URLs), so the page
 * loads with no other host reachable. The page is fixed once its options are, so it is rendered
 * once, and its content security policy allows its one inline script by its SHA-256 hash
 * instead of `'unsafe-inline'`.
 */
import { createHash } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

export interface GraphiQLPage {
  /** What yoga's `graphiql` option takes. */
  options: GraphiQLOptions;
  /** yoga's `renderGraphiQL`: the page rendered from `options` (on first use, then kept). */
  render: () => string;
  /** The content security policy that lets exactly this page run. */
  csp: () => string;
}

/** The text of the page's one inline script, which may itself mention "<script": up to the last tag. */
function inlineScript(html: string): string {
  const start = html.indexOf('<script>');
  const end = html.lastIndexOf('</script>');
  if (start < 0 || end < start) throw new Error('The GraphiQL page has no inline <script>.');
  return html.slice(start + '<script>'.length, end);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export function graphiqlPolicy(html: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(inlineScript(html))}`,
    // Monaco writes its theme and token colours into <style> elements it creates at run time,
    // with no nonce; without 'unsafe-inline' the editor loses its syntax colours.
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    'worker-src blob:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function createGraphiQLPage(options: GraphiQLOptions): GraphiQLPage {
  let html: string | undefined;
  let policy: string | undefined;
  const render = () => {
    html ??= renderGraphiQL(options);
    return html;
  };
  return {
    options,
    render,
    csp: () => {
      policy ??= graphiqlPolicy(render());
      return policy;
    },
  };
}
