import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('**bold** and [a link](https://example.com)')).toBe(
      '<p><strong>bold</strong> and <a href="https://example.com" rel="noopener noreferrer nofollow">a link</a></p>\n',
    );
  });
  it.each([
    ['<script>alert(1)</script>hi', /script|alert/],
    ['<img src=x onerror=alert(1)>', /img|onerror/],
    ['[x](javascript:alert(1))', /javascript/],
    ['<a href="https://x" onclick="evil()">x</a>', /onclick/],
    ['<iframe src="https://evil"></iframe>', /iframe/],
    ['<div style="position:fixed">x</div>', /style|position/],
  ])('removes anything that could run: %s', (input, forbidden) => {
    expect(renderMarkdown(input)).not.toMatch(forbidden);
  });
});
