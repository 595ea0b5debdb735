import { type FormEvent, useState } from 'react';
import type { BackupDocumentInput } from '../../../../src/contracts/backup.ts';
import type { PersonOutput } from '../../../../src/contracts/index.ts';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import { api, setCsrfToken } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Field, FormError, SubmitButton, useSubmission } from '../../components/form-kit.tsx';
import { formValues } from '../../components/forms.ts';

/** The guided first run: who are you? Then the path choice. */
export function FirstRun({ onCreated }: { onCreated: (person: PersonOutput) => void }) {
  const submission = useSubmission();
  const fieldError = submission.problem;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValues(event.currentTarget);
    const session = await submission.run(
      () =>
        api.signUp({
          name: value('name'),
          email: value('email'),
          password: value('password'),
          roleTitle: value('roleTitle'),
          ...(value('team') ? { team: value('team') } : {}),
        }),
      event.currentTarget,
    );
    if (!session) return;
    setCsrfToken(session.csrfToken);
    onCreated(session.person);
  }

  return (
    <section className="narrow">
      <p className="step">Step 1 of 3 · Your profile</p>
      <h1>Welcome to Leadway</h1>
      <p className="lede">
        Leadway helps you grow from developer to technical leader, one small step at a time. Start with who you are;
        next you will choose a path and see where you stand.
      </p>
      <form onSubmit={submit} noValidate className="card form">
        <Field
          name="name"
          label="Your name"
          autoComplete="name"
          error={fieldError('name')}
          required
          maxLength={MAX_LENGTH.personName}
        />
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          error={fieldError('email')}
          required
          maxLength={MAX_LENGTH.email}
          hint="Used later to match your git commits to you."
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          error={fieldError('password')}
          required
          maxLength={MAX_LENGTH.password}
          hint="At least 10 characters. You will be the admin of this Leadway."
        />
        <Field
          name="roleTitle"
          label="Current role"
          placeholder="e.g. Backend developer"
          error={fieldError('roleTitle')}
          required
          maxLength={MAX_LENGTH.roleTitle}
        />
        <Field
          name="team"
          label="Team (optional)"
          placeholder="e.g. Payments"
          error={fieldError('team')}
          maxLength={MAX_LENGTH.team}
        />
        <FormError submission={submission} shown={['name', 'email', 'password', 'roleTitle', 'team']} />
        <SubmitButton submission={submission}>{submission.pending ? 'Saving…' : 'Create my account'}</SubmitButton>
      </form>
      <RestoreBackup />
    </section>
  );
}

/** Moving machines or engines: restore a backup instead of starting afresh (only into an empty Leadway). */
function RestoreBackup() {
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  async function restore(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      let backup: BackupDocumentInput;
      try {
        backup = JSON.parse(await file.text());
      } catch {
        throw new Error(
          `${file.name} is not a JSON file made by “Download a backup of this installation” or \`leadway export\`.`,
        );
      }
      const { restored } = await api.restoreBackup(backup);
      setStatus(
        `Restored ${restored.people ?? 0} people and ${restored.journal_entries ?? 0} journal entries. Loading…`,
      );
      window.location.assign('/');
    } catch (e) {
      setError(e);
    }
  }
  return (
    <details className="card">
      <summary>Restore a backup instead</summary>
      <p className="muted small">
        A backup is the file an admin saves with Settings → “Download a backup of this installation”
        (leadway-backup-DATE.json), or one written by <code>leadway export FILE</code>. It holds every account, so you
        sign in with your old email and password afterwards.
      </p>
      <label htmlFor="restore-file">Backup file (JSON)</label>
      <input
        id="restore-file"
        type="file"
        accept=".json,application/json"
        onChange={(e) => restore(e.target.files?.[0])}
      />
      {status && (
        <p role="status" className="notice">
          {status}
        </p>
      )}
      <ErrorNotice error={error} />
    </details>
  );
}
