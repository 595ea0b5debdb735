import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED: sanitizeHtml.IOptions = {
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
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

const SANITIZE: sanitizeHtml.IOptions = {
  ...ALLOWED,
  allowedAttributes: { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'rel'] },
};

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
  const hit = rendered.get(markdown);
  if (hit !== undefined) {
    rendered.delete(markdown);
    rendered.set(markdown, hit);
    return hit;
  }
  const html = sanitizeHtml(marked.parse(markdown) as string, SANITIZE);
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
