import { type FormEvent, useState } from 'react';
import type { GitImportOutput, RepositoryOutput } from '../../../../src/contracts/git.ts';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import { api, downloads } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import {
  FieldError,
  FormError,
  invalidProps,
  problemsOf,
  SubmitButton,
  useSubmission,
} from '../../components/form-kit.tsx';
import { formValues } from '../../components/forms.ts';
import { Loading } from '../../components/loading.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';

/**
 * Settings: the git repositories evidence is mined from and the installation's backup (admins), the
 * emails that identify you in them, and downloads of your own data (everyone).
 */
export function SettingsPage({ session }: { session: Session }) {
  const { person } = session;
  const repositories = useApi(person.isAdmin ? 'repositories' : null, (signal) => api.repositories({ signal }));
  const repos: RepositoryOutput[] = repositories.data ?? [];
  const addresses = useApi(`emails:${person.id}`, (signal) => api.emails(person.id, { signal }));
  const emails = addresses.data;
  const setEmails = addresses.setData;
  const [results, setResults] = useState<Record<string, GitImportOutput>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One request at a time per form; field problems shown on their inputs.
  const repositoryForm = useSubmission();
  const emailForm = useSubmission();
  const problems = problemsOf(error);

  const load = repositories.reload;

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const value = formValues(formElement);
    setError(null);
    try {
      await api.registerRepository({
        path: value('path'),
        ...(value('rev') ? { rev: value('rev') } : {}),
        ...(value('name') ? { name: value('name') } : {}),
      });
      formElement.reset();
      load();
    } catch (e) {
      setError(e);
    }
  }

  async function runImport(id: string) {
    setBusy(id);
    setError(null);
    try {
      const result = await api.importRepository(id);
      setResults((r) => ({ ...r, [id]: result }));
      load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function addEmail(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const email = formValues(formElement)('email');
    setError(null);
    try {
      setEmails(await api.addEmail(person.id, email));
      formElement.reset();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="narrow">
      <h1>Settings</h1>
      <FormError submission={problems} shown={['path', 'rev', 'name', 'email']} />
      {person.isAdmin && (
        <div className="card">
          <h2>Git repositories</h2>
          <p className="muted">
            Leadway reads the history of local repositories and turns reviews, pairing, mentoring, fixes to others’
            work, tests and docs into private journal entries for the members whose emails match. Each import reads only
            what is new.
          </p>
          <ErrorNotice error={repositories.error} />
          {!repositories.data && !repositories.error && <Loading />}
          {repositories.data?.length === 0 && <p>No repositories yet.</p>}
          <ul className="repo-list">
            {repos.map((r) => (
              <li key={r.id} data-repo-id={r.id}>
                <div>
                  <strong>{r.name}</strong> <span className="muted">({r.rev})</span>
                  <div className="muted small">{r.path}</div>
                  <div className="muted small">
                    Last import: {r.lastImportedAt ? r.lastImportedAt.slice(0, 16).replace('T', ' ') : 'never'}
                  </div>
                  {results[r.id] && (
                    <p role="status" className="notice">
                      {describeImport(results[r.id] as GitImportOutput)}
                    </p>
                  )}
                </div>
                <div className="row">
                  <button
                    type="button"
                    onClick={() => runImport(r.id)}
                    disabled={busy !== null}
                    aria-label={`Import ${r.name} now`}
                  >
                    {busy === r.id ? 'Importing…' : 'Import now'}
                  </button>
                  <button
                    type="button"
                    className="quiet"
                    aria-label={`Remove ${r.name}`}
                    onClick={() => {
                      setError(null);
                      api.removeRepository(r.id).then(load).catch(setError);
                    }}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <form className="form" onSubmit={(e) => repositoryForm.run(() => register(e))} aria-label="Add a repository">
            <div className="field">
              <label htmlFor="repo-path">Path of a local repository</label>
              <input
                id="repo-path"
                name="path"
                required
                placeholder="/home/you/src/project"
                maxLength={MAX_LENGTH.repositoryPath}
                {...invalidProps(problems, 'path', 'repo-path')}
              />
              <FieldError submission={problems} name="path" id="repo-path" />
            </div>
            <div className="row">
              <div className="field">
                <label htmlFor="repo-rev">Branch (optional)</label>
                <input
                  id="repo-rev"
                  name="rev"
                  placeholder="HEAD"
                  maxLength={MAX_LENGTH.repositoryRev}
                  {...invalidProps(problems, 'rev', 'repo-rev')}
                />
                <FieldError submission={problems} name="rev" id="repo-rev" />
              </div>
              <div className="field">
                <label htmlFor="repo-name">Name (optional)</label>
                <input
                  id="repo-name"
                  name="name"
                  maxLength={MAX_LENGTH.repositoryName}
                  {...invalidProps(problems, 'name', 'repo-name')}
                />
                <FieldError submission={problems} name="name" id="repo-name" />
              </div>
            </div>
            <SubmitButton submission={repositoryForm} className="">
              Add repository
            </SubmitButton>
          </form>
        </div>
      )}
      {person.isAdmin && (
        <div className="card">
          <h2>Backup of this installation</h2>
          <p className="muted">
            Everything in one JSON file: every person’s profile, journal, goals and assessments (private ones included),
            sign-in data (password hashes, never passwords) and the framework versions. Keep it somewhere safe. Restore
            it into a new Leadway from its first page (“Restore a backup instead”) or with{' '}
            <code>leadway import FILE</code>. Each member’s “Who looked at your data” will show that you downloaded it.
          </p>
          <a className="button secondary" href={downloads.backup} download>
            Download a backup of this installation
          </a>
        </div>
      )}
      <div className="card">
        <h2>Your email addresses</h2>
        <p className="muted">Commits and trailers made with any of these count as yours.</p>
        <ErrorNotice error={addresses.error} />
        {!emails && !addresses.error && <Loading />}
        {emails && (
          <ul>
            <li>
              {emails.primary} <span className="muted">(primary)</span>
            </li>
            {emails.extra.map((e) => (
              <li key={e}>
                {e}{' '}
                <button
                  type="button"
                  className="quiet"
                  aria-label={`Remove ${e}`}
                  onClick={() => {
                    setError(null);
                    api.removeEmail(person.id, e).then(setEmails).catch(setError);
                  }}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="row" onSubmit={(e) => emailForm.run(() => addEmail(e))} aria-label="Add an email address">
          <label className="visually-hidden" htmlFor="extra-email">
            Another email address
          </label>
          <input
            id="extra-email"
            name="email"
            type="email"
            required
            placeholder="you@work.example"
            maxLength={MAX_LENGTH.email}
            {...invalidProps(problems, 'email', 'extra-email')}
          />
          <SubmitButton submission={emailForm} className="">
            Add email
          </SubmitButton>
          <FieldError submission={problems} name="email" id="extra-email" />
        </form>
      </div>
      <div className="card">
        <h2>Your data</h2>
        <p className="muted">
          Everything Leadway holds about you, as JSON: profile, emails, assessments, path, goals, journal, 360 rounds
          and the answers you gave, git credits, and who looked at your data. Your journal also comes as CSV or as
          Markdown files (in a .zip), the formats Journal → “Import from CSV or Markdown” reads, so you can take it
          elsewhere or bring it back.
        </p>
        <div className="row">
          <a className="button secondary" href={downloads.personalData(person.id)} download>
            Download your data
          </a>
          <a className="button secondary" href={downloads.journal(person.id, 'csv')} download>
            Entries as CSV
          </a>
          <a className="button secondary" href={downloads.journal(person.id, 'markdown')} download>
            Entries as Markdown (.zip)
          </a>
        </div>
      </div>
    </section>
  );
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describeImport(r: GitImportOutput): string {
  return `Read ${count(r.commitsRead, 'new commit')}: ${count(r.creditsAdded, 'credit')}, ${count(r.entriesCreated, 'entry', 'entries')} created, ${r.entriesUpdated} updated.`;
}
