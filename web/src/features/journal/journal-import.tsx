import { useState } from 'react';
import type { ImportEntriesOutput } from '../../../../src/contracts/journal.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useSubmission } from '../../components/form-kit.tsx';

/** Bulk import from CSV or Markdown files: check first, import only when every row is clean. */
export function JournalImport({ personId, onImported }: { personId: string; onImported: () => void }) {
  const [files, setFiles] = useState<Array<{ name: string; content: string }>>([]);
  const [check, setCheck] = useState<ImportEntriesOutput | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const format = files.every((f) => /\.csv$/i.test(f.name)) ? 'csv' : 'markdown';
  const mixed = files.some((f) => /\.csv$/i.test(f.name)) && files.some((f) => !/\.csv$/i.test(f.name));

  async function choose(list: FileList | null) {
    setCheck(null);
    setDone(null);
    setError(null);
    try {
      const read = await Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, content: await f.text() })));
      setFiles(read);
      if (read.length === 0) return;
      const isCsv = read.every((f) => /\.csv$/i.test(f.name));
      setCheck(await api.importEntries(personId, { format: isCsv ? 'csv' : 'markdown', files: read, dryRun: true }));
    } catch (e) {
      setError(e);
    }
  }

  const importing = useSubmission();
  async function runImport() {
    setError(null);
    const result = await importing.run(() => api.importEntries(personId, { format, files, dryRun: false }));
    if (!result) return;
    const skipped = result.duplicates.length;
    setDone(
      `Imported ${result.imported} ${result.imported === 1 ? 'entry' : 'entries'}.${
        skipped > 0 ? ` Skipped ${skipped} already in your journal or repeated.` : ''
      }`,
    );
    setCheck(null);
    setFiles([]);
    onImported();
  }

  return (
    <details className="card">
      <summary>Import from CSV or Markdown</summary>
      <p className="muted small">
        CSV columns: date, title, areas (separated by “;”), and optionally body, kind, links, visibility. Markdown: one
        file per entry with front matter (date, title, areas). Every row is checked first; nothing is imported while any
        row has a problem. Rows with the same date, title and areas as an entry you already have are skipped.
      </p>
      <label htmlFor="import-files">Files</label>
      <input
        id="import-files"
        type="file"
        multiple
        accept=".csv,.md,.markdown"
        onChange={(e) => choose(e.target.files)}
      />
      {mixed && <p className="field-error">Choose either CSV files or Markdown files, not both.</p>}
      {check && (
        <div role="status">
          <p>
            {check.valid} new {check.valid === 1 ? 'entry' : 'entries'}, {check.duplicates.length}{' '}
            {check.duplicates.length === 1 ? 'duplicate' : 'duplicates'} (skipped), {check.problems.length}{' '}
            {check.problems.length === 1 ? 'problem' : 'problems'}.
          </p>
          {check.duplicates.length > 0 && (
            <details>
              <summary>
                {check.duplicates.length === 1 ? 'Duplicate' : 'Duplicates'}: the same date, title and areas as an entry
                already in your journal or an earlier row
              </summary>
              <ul className="problems">
                {check.duplicates.map((p) => (
                  <li key={`${p.file}:${p.line}`}>
                    <code>
                      {p.file}:{p.line}
                    </code>{' '}
                    {p.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {check.problems.length > 0 && (
            <ul className="problems">
              {check.problems.map((p) => (
                <li key={`${p.file}:${p.line}:${p.message}`}>
                  <code>
                    {p.file}:{p.line}
                  </code>{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="primary"
            disabled={check.problems.length > 0 || check.valid === 0 || mixed || importing.pending}
            onClick={runImport}
          >
            Import {check.valid} {check.valid === 1 ? 'entry' : 'entries'}
          </button>
        </div>
      )}
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      <ErrorNotice error={error ?? importing.error} />
    </details>
  );
}
