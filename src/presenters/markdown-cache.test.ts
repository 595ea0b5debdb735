import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown cache', () => {
  it('answers a body it has rendered before with the same HTML', () => {
    const body = '## Why\n\n- **one** <script>x</script>\n- [two](javascript:alert(1))';
    const first = renderMarkdown(body);
    expect(renderMarkdown(body)).toBe(first);
    expect(first).not.toMatch(/script|javascript/);
  });

  it('keeps working when far more text passes through than it keeps', () => {
    const big = 'word '.repeat(3_000);
    for (let i = 0; i < 1_000; i++) expect(renderMarkdown(`${i} ${big}`)).toContain(`<p>${i} word`);
    expect(renderMarkdown('**again**')).toBe('<p><strong>again</strong></p>\n');
  });
});
