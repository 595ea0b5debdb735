import { describe, expect, it } from 'vitest';
import {
  csvCell,
  type JournalFileEntry,
  journalCsvHeader,
  journalCsvRow,
  journalMarkdown,
  journalMarkdownName,
} from './export-format.ts';
import { parseCsvEntries, parseMarkdownEntry } from './import-parse.ts';

const NASTY_TITLES = [
  'Plain title',
  '0x1F',
  '1e3',
  '.inf',
  'true',
  'Null',
  '~',
  '2026-01-03',
  'key: value',
  'hash # comment',
  '- looks like a list',
  '? question',
  '[flow]',
  '{map}',
  '"quoted"',
  "it's",
  'back\\slash',
  '*alias',
  '&anchor',
  '!tag',
  '|block',
  '>folded',
  '%directive',
  '@at',
  '`tick`',
  'trailing space ',
  'tab\tinside',
  'Łukasz Żółć — émoji 🎉',
  'line\u2028separator',
  '=SUM(A1)',
  '+1',
  '---',
];

const entry = (overrides: Partial<JournalFileEntry> = {}): JournalFileEntry => ({
  occurredOn: '2026-01-03',
  title: 'A title',
  body: 'Body',
  areas: ['alpha', 'beta'],
  kind: 'review',
  links: ['https://example.com/a?b=1&c=2'],
  visibility: 'team',
  ...overrides,
});

const asImported = (e: JournalFileEntry) => ({
  occurredOn: e.occurredOn,
  title: e.title,
  body: e.body,
  areas: e.areas,
  kind: e.kind,
  links: e.links,
  visibility: e.visibility,
});

describe('journal files the import reads back', () => {
  it.each(NASTY_TITLES)('Markdown keeps the title %j', (title) => {
    const written = entry({ title, body: `---\n${title}\n\n- list` });
    const { entries, problems } = parseMarkdownEntry('x.md', journalMarkdown(written));
    expect(problems).toEqual([]);
    expect(entries[0]?.fields).toEqual(asImported(written));
  });

  it('writes CSV rows the import reads back, formulas guarded', () => {
    const written = NASTY_TITLES.map((title, i) =>
      entry({ title: title.trim(), body: i % 2 ? `-${title}\n"x", y` : '' }),
    );
    const text = journalCsvHeader() + written.map(journalCsvRow).join('');
    const { entries, problems } = parseCsvEntries('x.csv', text);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.fields)).toEqual(written.map(asImported));
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('@SUM')).toBe(`"'@SUM"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('names Markdown files by date and title, uniquely', () => {
    const taken = new Set<string>();
    expect(journalMarkdownName(entry({ title: 'Shipped the importer!' }), taken)).toBe(
      '2026-01-03-shipped-the-importer.md',
    );
    expect(journalMarkdownName(entry({ title: 'Shipped the importer?' }), taken)).toBe(
      '2026-01-03-shipped-the-importer-2.md',
    );
    expect(journalMarkdownName(entry({ title: 'Żółć' }), taken)).toBe('2026-01-03-zolc.md');
    expect(journalMarkdownName(entry({ title: '🎉' }), taken)).toBe('2026-01-03-entry.md');
  });
});
