import { type FormEvent, useState } from 'react';
import type { PersonOutput } from '../../../../src/contracts/index.ts';
import { ApiError, api, setCsrfToken } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formValues } from '../../components/forms.ts';
import { Loading } from '../../components/loading.tsx';
import { useApi } from '../../lib/use-api.ts';
import { Field } from '../onboarding/first-run.tsx';

/** Sign in with email and password. */
export function Login({ onSignedIn }: { onSignedIn: (person: PersonOutput) => void }) {
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValues(event.currentTarget);
    setError(null);
    try {
      const { person, csrfToken } = await api.logIn(value('email'), value('password'));
      setCsrfToken(csrfToken);
      onSignedIn(person);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section className="narrow">
      <h1>Sign in to Leadway</h1>
      <form className="card form" onSubmit={submit}>
        <Field name="email" label="Email" type="email" autoComplete="username" required />
        <Field name="password" label="Password" type="password" autoComplete="current-password" required />
        <ErrorNotice error={error} />
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      <p className="muted">New here? Ask an admin or your manager for an invitation link.</p>
    </section>
  );
}

/** Accepting an invitation: choose a name, role and password; then signed in. */
export function AcceptInvitation({ token, onSignedIn }: { token: string; onSignedIn: (person: PersonOutput) => void }) {
  const { data: invitation, error: loadError } = useApi(`invitation:${token}`, (signal) =>
    api.invitation(token, { signal }),
  );
  const [error, setError] = useState<unknown>(null);
  const fieldError = (name: string) => (error instanceof ApiError ? error.fields[name] : undefined);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValues(event.currentTarget);
    setError(null);
    try {
      const { person, csrfToken } = await api.acceptInvitation(token, {
        name: value('name'),
        password: value('password'),
        roleTitle: value('roleTitle'),
      });
      setCsrfToken(csrfToken);
      window.history.replaceState(null, '', '/');
      onSignedIn(person);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section className="narrow">
      <h1>Join Leadway</h1>
      {invitation && (
        <p className="lede">
          {invitation.invitedBy} invited <strong>{invitation.email}</strong>. Choose your name and a password.
        </p>
      )}
      {invitation && (
        <form className="card form" onSubmit={submit}>
          <Field name="name" label="Your name" autoComplete="name" error={fieldError('name')} required />
          <Field name="roleTitle" label="Current role" error={fieldError('roleTitle')} required />
          <Field
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            error={fieldError('password')}
            hint="At least 10 characters."
            required
          />
          <ErrorNotice error={error} fieldsShownInline />
          <button type="submit" className="primary">
            Join
          </button>
        </form>
      )}
      {!invitation && (loadError ? <ErrorNotice error={loadError} /> : <Loading />)}
    </section>
  );
}
