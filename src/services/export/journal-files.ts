import type { ZipInputFile } from 'fflate';
import type { JournalExportFormat } from '../../contracts/export.ts';
import type { ExportEntryRow } from '../../db/repositories/export.ts';
import type { JournalFileEntry } from '../../domain/journal/export-format.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { ensureOwnData } from './own-data.ts';
import { type Download, entryPages } from './personal-data.ts';

function fileEntry(row: ExportEntryRow): JournalFileEntry {
  return {
    occurredOn: row.occurred_on,
    title: row.title,
    body: row.body,
    areas: row.areas,
    kind: row.kind,
    links: row.links,
    visibility: row.visibility,
  };
}

/** A person's journal as a file in a format the journal import reads back: CSV text, or a zip of Markdown files. */
export async function exportJournal(
  ctx: ServiceContext,
  personId: string,
  format: JournalExportFormat,
): Promise<Download<string | Uint8Array>> {
  await ensureOwnData(ctx, personId);
  // The writers (yaml, fflate) load only when someone downloads.
  const writers = await import('../../domain/journal/export-format.ts');
  const exportedAt = nowIso(ctx);
  const pages = entryPages(ctx, personId);
  if (format === 'csv') {
    async function* csv(): AsyncGenerator<string> {
      // A byte order mark, so spreadsheet programs read the file as UTF-8 (the import skips it).
      yield `\uFEFF${writers.journalCsvHeader()}`;
      for await (const page of pages) yield page.map((row) => writers.journalCsvRow(fileEntry(row))).join('');
    }
    return { exportedAt, chunks: csv() };
  }
  const [{ Zip }, { crc32, deflateRawSync }] = await Promise.all([import('fflate'), import('node:zlib')]);
  async function* zip(): AsyncGenerator<Uint8Array> {
    const ready: Uint8Array[] = [];
    let failure = null as Error | null;
    const archive = new Zip((error, data) => {
      if (error) failure = error;
      else ready.push(data);
    });
    const taken = new Set<string>();
    for await (const page of pages) {
      for (const row of page) {
        const entry = fileEntry(row);
        const text = Buffer.from(writers.journalMarkdown(entry), 'utf8');
        const changed = new Date(row.updated_at);
        // Zip dates run from 1980 to 2099; outside them the file gets the time of the download.
        const year = changed.getUTCFullYear();
        // Deflated by zlib (fflate's own streaming deflate took ~0.5 ms per small file), stored
        // in the archive by fflate with the sizes and checksum of the text.
        const file: ZipInputFile = {
          filename: writers.journalMarkdownName(entry, taken),
          size: text.length,
          crc: crc32(text),
          compression: 8,
          ...(year >= 1980 && year <= 2099 ? { mtime: changed } : {}),
        };
        archive.add(file);
        file.ondata?.(null, deflateRawSync(text), true);
      }
      if (failure) throw failure;
      // One chunk per page: the archive emits a header and a body per file.
      yield Buffer.concat(ready.splice(0));
    }
    archive.end();
    if (failure) throw failure;
    yield Buffer.concat(ready.splice(0));
  }
  return { exportedAt, chunks: zip() };
}
