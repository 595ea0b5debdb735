import { CSV_COLUMNS } from './import-parse.ts';

/** What a journal file needs of an entry: the fields the journal import reads back. */
export interface JournalFileEntry {
  occurredOn: string;
  title: string;
  body: string;
  areas: string[];
  kind: string;
  links: string[];
  visibility: string;
}

/**
 * A cell a spreadsheet would take for a formula (=, +, -, @, tab or carriage return first) is
 * written with a leading apostrophe, as OWASP advises for CSV files; the journal import takes the
 * apostrophe off again (import-parse.ts#unescapeFormula), so a download re-imports unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-guarded, always quoted (quotes doubled), so commas and new lines stay inside. */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${guarded.replace(/"/g, '""')}"`;
}

/** The header row of a journal CSV: the import's columns, in its order. */
export function journalCsvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** One entry as a CSV row (areas and links separated by "; ", as the import reads them). */
export function journalCsvRow(entry: JournalFileEntry): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    date: entry.occurredOn,
    title: entry.title,
    body: entry.body,
    areas: entry.areas.join('; '),
    kind: entry.kind,
    links: entry.links.join('; '),
    visibility: entry.visibility,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`;
}

/** A YAML scalar: plain when it reads back as the same string, else double-quoted with JSON's escapes (valid YAML). */
function yamlScalar(value: string): string {
  // Plain only when it starts with a letter (never a number, date, ".inf" or an indicator), has no
  // ": " or " #", and is no boolean or null of YAML's core schema.
  const plain =
    /^[A-Za-z][A-Za-z0-9 ._/()-]*$/.test(value) && !value.endsWith(' ') && !/^(true|false|null)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** A YAML block list of scalars. */
function yamlList(key: string, values: string[]): string {
  return `${key}:\n${values.map((v) => `  - ${yamlScalar(v)}\n`).join('')}`;
}

/**
 * One entry as a Markdown document with YAML front matter: the journal import's Markdown format.
 * Written by hand (the yaml library's writer cost ~0.1–0.5 ms per entry, most of a download's time):
 * strings that are not plainly safe are double-quoted with JSON's escapes, which YAML reads alike.
 */
export function journalMarkdown(entry: JournalFileEntry): string {
  const front =
    `date: ${entry.occurredOn}\n` +
    `title: ${yamlScalar(entry.title)}\n` +
    yamlList('areas', entry.areas) +
    `kind: ${yamlScalar(entry.kind)}\n` +
    `visibility: ${yamlScalar(entry.visibility)}\n` +
    (entry.links.length > 0 ? yamlList('links', entry.links) : '');
  return `---\n${front}---\n\n${entry.body}${entry.body.endsWith('\n') || entry.body === '' ? '' : '\n'}`;
}

/**
 * A file name for an entry's Markdown document, unique among `taken`: its date and the title's
 * ASCII letters and digits ("2026-01-02-shipped-the-importer.md", then "…-2.md").
 */
export function journalMarkdownName(entry: JournalFileEntry, taken: Set<string>): string {
  const slug =
    entry.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      // Latin letters that do not decompose into a base letter and a mark.
      .replace(/[łøđßæœ]/g, (c) => ({ ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe' })[c] ?? c)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || 'entry';
  const base = `${entry.occurredOn}-${slug}`;
  let name = `${base}.md`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.md`;
  taken.add(name);
  return name;
}
