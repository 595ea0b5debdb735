import type { ImportProblem } from './import-parse.ts';

/**
 * When an imported entry is the same as one already in the journal, or as an earlier row of the
 * same import: same person (the import is one person's), same date, same title (as saved: trimmed)
 * and the same set of areas, in any order. Body, kind, links and visibility do not count: a file
 * re-imported after fixing a typo in a body, or with another kind, is still the same evidence and
 * must not be added twice. Documented in docs/import-formats.md.
 */
export function entryIdentity(occurredOn: string, title: string, areas: readonly string[]): string {
  return JSON.stringify([occurredOn, title.trim(), [...new Set(areas)].sort()]);
}

/** A valid row of an import, with where it came from. */
export interface ImportCandidate {
  file: string;
  line: number;
  occurredOn: string;
  title: string;
  areas: readonly string[];
}

/**
 * Splits an import's valid rows into the new ones and the duplicates, reported by file and line:
 * rows the same as an entry already stored (`stored`: their `entryIdentity`), and rows the same
 * as an earlier row of the import (the first is kept). Rows keep their order.
 */
export function splitDuplicates<T extends ImportCandidate>(
  rows: readonly T[],
  stored: ReadonlySet<string>,
): { fresh: T[]; duplicates: ImportProblem[] } {
  const fresh: T[] = [];
  const duplicates: ImportProblem[] = [];
  const firstSeen = new Map<string, T>();
  for (const row of rows) {
    const identity = entryIdentity(row.occurredOn, row.title, row.areas);
    const earlier = firstSeen.get(identity);
    if (stored.has(identity)) {
      duplicates.push({
        file: row.file,
        line: row.line,
        message: 'already in your journal (same date, title and areas): skipped',
      });
    } else if (earlier) {
      const where = earlier.file === row.file ? `line ${earlier.line}` : `${earlier.file}:${earlier.line}`;
      duplicates.push({
        file: row.file,
        line: row.line,
        message: `same date, title and areas as ${where}: skipped`,
      });
    } else {
      firstSeen.set(identity, row);
      fresh.push(row);
    }
  }
  return { fresh, duplicates };
}
