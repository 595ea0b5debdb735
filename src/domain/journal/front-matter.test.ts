import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from './front-matter.ts';
import { parseMarkdownEntry } from './import-parse.ts';

/** A proof file that code in a front matter would write if it were ever evaluated. */
function proofPath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-fm-')), 'proof');
}

describe('front matter is read as data only', () => {
  // Every fence language other readers evaluate (gray-matter runs javascript by default, and
  // coffee or any registered language when configured); none may run, each is a problem at line 1.
  it.each([
    'js',
    'javascript',
    'coffee',
    'coffeescript',
    'json',
    'toml',
    'ts',
    'lua',
    'custom-lang',
    ' js',
    '\tjavascript',
  ])('refuses a "---%s" fence with the file and line, without running it', (language) => {
    const proof = proofPath();
    const code = `{ title: 'T' + String(require('fs').writeFileSync(${JSON.stringify(proof)}, 'x')), date: '2026-01-01', areas: ['vision'] }`;
    const { entries, problems } = parseMarkdownEntry('a.md', `---${language}\n${code}\n---\nbody\n`);
    expect(entries).toEqual([]);
    expect(problems).toEqual([{ file: 'a.md', line: 1, message: expect.stringMatching(/only YAML front matter/) }]);
    expect(fs.existsSync(proof)).toBe(false);
  });

  it('accepts plain --- and ---yaml fences', () => {
    for (const fence of ['---', '---yaml', '--- yaml', '---YML']) {
      const result = readFrontMatter(`${fence}\ndate: 2026-01-01\ntitle: Led the review\nareas: [vision]\n---\nBody\n`);
      expect(result).toEqual({
        ok: true,
        data: { date: '2026-01-01', title: 'Led the review', areas: ['vision'] },
        body: 'Body\n',
      });
    }
  });

  it.each([
    ['a JavaScript function tag', "title: !!js/function 'function () { return 1 }'"],
    ['a JavaScript regexp tag', 'title: !!js/regexp /a/'],
    ['an undefined tag', 'title: !!js/undefined ""'],
    ['a local tag', 'title: !custom value'],
    ['a binary tag', 'title: !!binary aGVsbG8='],
    ['a set tag', 'title: !!set { a }'],
    ['a python tag', 'title: !!python/object/apply:os.system ["id"]'],
  ])('refuses %s at its line', (_what, line) => {
    const { problems } = parseMarkdownEntry('t.md', `---\ndate: 2026-01-01\n${line}\nareas: [vision]\n---\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
    expect(problems[0]?.message).toMatch(/tag/i);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    const { entries, problems } = parseMarkdownEntry('bomb.md', `---\n${levels.join('\n')}\ntitle: x\n---\n`);
    expect(entries).toEqual([]);
    expect(problems[0]?.message).toMatch(/alias/i);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses duplicate keys, lists, single values, empty and unclosed front matter with lines', () => {
    expect(readFrontMatter('---\ntitle: a\ntitle: b\n---\n')).toMatchObject({ ok: false, line: 3 });
    expect(readFrontMatter('---\n- a\n- b\n---\n')).toMatchObject({ ok: false, message: /not a list/ });
    expect(readFrontMatter('---\njust text\n---\n')).toMatchObject({ ok: false, message: /not a list/ });
    expect(readFrontMatter('---\n---\nbody')).toMatchObject({ ok: false, message: /empty/ });
    expect(readFrontMatter('---\ntitle: a\nbody')).toMatchObject({ ok: false, message: /not closed/ });
    expect(readFrontMatter('title: a\n')).toMatchObject({ ok: false, line: 1, message: /no front matter/ });
  });

  it('keeps dates as the text written, a BOM and CRLF line ends are fine', () => {
    const result = readFrontMatter('\uFEFF---\r\ndate: 2026-01-01\r\ntitle: T\r\n---\r\nBody');
    expect(result).toMatchObject({ ok: true, data: { date: '2026-01-01', title: 'T' } });
  });

  it('treats prototype keys as plain data', () => {
    const result = readFrontMatter('---\n__proto__: { polluted: true }\ntitle: T\n---\n');
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps nothing between calls (no parse cache holding documents)', () => {
    // gray-matter cached every parsed document by its text forever; a second parse of the same
    // text must give a fresh object that the first caller's changes do not reach.
    const text = '---\ntitle: T\nareas: [vision]\n---\nbody';
    const first = readFrontMatter(text);
    if (!first.ok) throw new Error('expected a parse');
    (first.data.areas as string[]).push('changed');
    const second = readFrontMatter(text);
    expect(second).toMatchObject({ ok: true, data: { areas: ['vision'] } });
  });
});
