import { parse as parseCsv } from 'csv-parse/sync';
import { readFrontMatter } from './front-matter.ts';

/** One entry read from an import file, before validation, with where it came from. */
export interface ParsedEntry {
  file: string;
  line: number;
  fields: Record<string, unknown>;
}

/** A problem found while reading a file, with its place. */
export interface ImportProblem {
  file: string;
  line: number;
  message: string;
}

/**
 * Most entries one import may hold (all files together). Larger imports are refused before any
 * work, with a message saying to split them; documented in docs/import-formats.md.
 */
export const MAX_IMPORT_ENTRIES = 10_000;

/** The columns a CSV import understands; `date`, `title` and `areas` are required. */
export const CSV_COLUMNS = ['date', 'title', 'body', 'areas', 'kind', 'links', 'visibility'] as const;

/** Splits "a; b | c" lists used in CSV cells. */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  if (typeof value !== 'string') return [];
  return value
    .split(/[;|]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Takes off the apostrophe that guards a cell against spreadsheet formulas ("'=x" → "=x"), as
 * Leadway's own journal CSV writes it (export-format.ts#csvCell) and OWASP advises.
 */
export function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function toEntryFields(raw: Record<string, unknown>): Record<string, unknown> {
  const date = raw.date instanceof Date ? raw.date.toISOString().slice(0, 10) : raw.date;
  const fields: Record<string, unknown> = {
    occurredOn: typeof date === 'string' && date.trim() !== '' ? date.trim() : undefined,
    title: raw.title,
    body: typeof raw.body === 'string' ? raw.body : '',
    areas: list(raw.areas ?? raw.area),
    links: list(raw.links ?? raw.link),
  };
  if (typeof raw.kind === 'string' && raw.kind.trim()) fields.kind = raw.kind.trim();
  if (typeof raw.visibility === 'string' && raw.visibility.trim()) fields.visibility = raw.visibility.trim();
  return fields;
}

/**
 * Reads a CSV file with a header row (columns as in CSV_COLUMNS, any order; areas and links
 * separated by ";" or "|"). Line numbers are those of the file, header included.
 */
export function parseCsvEntries(
  file: string,
  text: string,
  maxEntries = MAX_IMPORT_ENTRIES,
): { entries: ParsedEntry[]; problems: ImportProblem[]; truncated: boolean } {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: false,
      // Reading stops one record past the limit: enough to know the file is too large.
      to: maxEntries + 1,
    });
  } catch (error) {
    const e = error as Error & { lines?: number };
    return {
      entries: [],
      problems: [{ file, line: e.lines ?? 1, message: `not readable as CSV: ${e.message}` }],
      truncated: false,
    };
  }
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  const problems: ImportProblem[] = unknown.map((h) => ({
    file,
    line: 1,
    message: `unknown column "${h}"; the columns are ${CSV_COLUMNS.join(', ')}`,
  }));
  const truncated = records.length > maxEntries;
  const entries = records.slice(0, maxEntries).map(({ record, info }) => ({
    file,
    line: info.lines,
    fields: toEntryFields(
      Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? unescapeFormula(v) : v])),
    ),
  }));
  return { entries, problems, truncated };
}

/**
 * Reads one Markdown document as one entry: YAML front matter (date, title, areas, kind, links,
 * visibility) and the Markdown body after it. Only YAML is read, as data (see front-matter.ts).
 */
export function parseMarkdownEntry(file: string, text: string): { entries: ParsedEntry[]; problems: ImportProblem[] } {
  const result = readFrontMatter(text);
  if (!result.ok) return { entries: [], problems: [{ file, line: result.line, message: result.message }] };
  return {
    entries: [{ file, line: 1, fields: toEntryFields({ ...result.data, body: result.body.trim() }) }],
    problems: [],
  };
}
