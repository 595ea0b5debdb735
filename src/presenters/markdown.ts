import { createRequire } from 'node:module';
import type { Marked } from 'marked';
import type sanitizeHtml from 'sanitize-html';

/**
 * marked and sanitize-html (with postcss) are loaded on the first entry that has a body, not at
 * start-up: quick capture (`leadway log "…"`) has none and must start fast. `require` keeps
 * renderMarkdown synchronous (marked is ESM; Node.js 22.12+ requires ESM without a flag).
 */
let libraries: { marked: Marked; sanitize: typeof sanitizeHtml; options: sanitizeHtml.IOptions } | undefined;
function loadLibraries() {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    const { Marked: MarkedClass } = require('marked') as typeof import('marked');
    const sanitize = require('sanitize-html') as typeof sanitizeHtml;
    libraries = {
      marked: new MarkedClass({ gfm: true, breaks: false, async: false }),
      sanitize,
      options: allowed(sanitize),
    };
  }
  return libraries;
}

const allowed = (sanitize: typeof sanitizeHtml): sanitizeHtml.IOptions => ({
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
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
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
});

/**
 * Rendered bodies by their Markdown, least recently used first. Rendering is a pure function of the
 * text and costs ~50 µs a body (a page of 50 entries: a few ms of the event loop, most of the
 * journal's cost), while the same entries are read again and again (every filter change, every
 * reload). Bounded by the characters kept, so a few huge bodies cannot hold much memory.
 */
const rendered = new Map<string, string>();
let renderedChars = 0;
const CACHE_CHARS = 8_000_000;
const CACHE_LARGEST = 20_000;

/**
 * Renders journal Markdown to HTML that is safe to insert into a page: scripts, event handlers,
 * style, iframes and javascript: links are removed, whatever the input.
 */
export function renderMarkdown(markdown: string): string {
  if (markdown.trim() === '') return ''; // what marked and sanitize-html make of it, without loading them
  const hit = rendered.get(markdown);
  if (hit !== undefined) {
    rendered.delete(markdown);
    rendered.set(markdown, hit);
    return hit;
  }
  const { marked, sanitize, options } = loadLibraries();
  const html = sanitize(marked.parse(markdown) as string, {
    ...options,
    allowedAttributes: { ...options.allowedAttributes, a: ['href', 'title', 'rel'] },
  });
  if (markdown.length <= CACHE_LARGEST) {
    rendered.set(markdown, html);
    renderedChars += markdown.length + html.length;
    for (const [oldest, value] of rendered) {
      if (renderedChars <= CACHE_CHARS) break;
      rendered.delete(oldest);
      renderedChars -= oldest.length + value.length;
    }
  }
  return html;
}
