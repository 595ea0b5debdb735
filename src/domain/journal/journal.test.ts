import { describe, expect, it } from 'vitest';
import { parseCsvEntries, parseMarkdownEntry } from './import-parse.ts';
import { isIsoDate, isoWeekOf, searchWords } from './journal.ts';

describe('dates and words', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(['2026-02-28', '2024-02-29'].map(isIsoDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '26-01-01', '2026-1-1', 'today'].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
  it('finds ISO weeks across a year boundary', () => {
    expect(isoWeekOf('2026-01-01')).toEqual({ week: '2026-W01', startsOn: '2025-12-29' });
    expect(isoWeekOf('2027-01-03')).toEqual({ week: '2026-W53', startsOn: '2026-12-28' });
  });
  it('splits search text into words, dropping search syntax', () => {
    expect(searchWords('Cache "design" AND (ownership)* — Größe')).toEqual([
      'cache',
      'design',
      'and',
      'ownership',
      'größe',
    ]);
    expect(searchWords('!!! ***')).toEqual([]);
  });
});

describe('import parsing', () => {
  it('reads CSV rows with their file line numbers, quoted commas and lists', () => {
    const csv =
      'Date,Title,Areas,Links\n2026-01-02,"Reviewed, carefully",ownership; mentorship,https://a.example|https://b.example\n\n2026-01-03,Second,vision,\n';
    const { entries, problems } = parseCsvEntries('x.csv', csv);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.line, e.fields.title, e.fields.areas, e.fields.links])).toEqual([
      [2, 'Reviewed, carefully', ['ownership', 'mentorship'], ['https://a.example', 'https://b.example']],
      [4, 'Second', ['vision'], []],
    ]);
  });
  it('names unknown columns and unreadable CSV', () => {
    expect(parseCsvEntries('x.csv', 'date,title,areas,mood\n2026-01-01,a,vision,happy\n').problems[0]?.message).toMatch(
      /unknown column "mood"/,
    );
    expect(parseCsvEntries('x.csv', 'date,title\n2026-01-01,"unterminated\n').problems[0]?.message).toMatch(
      /not readable as CSV/,
    );
  });
  it('reads Markdown front matter and body, and explains bad YAML', () => {
    const ok = parseMarkdownEntry(
      'a.md',
      '---\ndate: 2026-01-05\ntitle: Talk\nareas: [communication]\n---\nBody **text**\n',
    );
    expect(ok.entries[0]?.fields).toMatchObject({
      occurredOn: '2026-01-05',
      title: 'Talk',
      areas: ['communication'],
      body: 'Body **text**',
    });
    expect(parseMarkdownEntry('b.md', '---\ntitle: [unclosed\n---\n').problems[0]?.message).toMatch(/not valid YAML/);
  });
});
