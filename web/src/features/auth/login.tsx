import type { FormEvent } from 'react';
import type { PersonOutput } from '../../../../src/contracts/index.ts';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import { api, setCsrfToken } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Field, FormError, SubmitButton, useSubmission } from '../../components/form-kit.tsx';
import { formValues } from '../../components/forms.ts';
import { Loading } from '../../components/loading.tsx';
import { useApi } from '../../lib/use-api.ts';

/** Sign in with email and password. */
export function Login({ onSignedIn }: { onSignedIn: (person: PersonOutput) => void }) {
  const submission = useSubmission();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValues(event.currentTarget);
    const session = await submission.run(() => api.logIn(value('email'), value('password')), event.currentTarget);
    if (!session) return;
    setCsrfToken(session.csrfToken);
    onSignedIn(session.person);
  }
  return (
    <section className="narrow">
      <h1>Sign in to Leadway</h1>
      <form className="card form" onSubmit={submit}>
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          required
          maxLength={MAX_LENGTH.email}
          error={submission.problem('email')}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={MAX_LENGTH.password}
          error={submission.problem('password')}
        />
        <FormError submission={submission} shown={['email', 'password']} />
        <SubmitButton submission={submission}>Sign in</SubmitButton>
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
  const submission = useSubmission();
  const fieldError = submission.problem;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValues(event.currentTarget);
    const session = await submission.run(
      () =>
        api.acceptInvitation(token, {
          name: value('name'),
          password: value('password'),
          roleTitle: value('roleTitle'),
        }),
      event.currentTarget,
    );
    if (!session) return;
    setCsrfToken(session.csrfToken);
    window.history.replaceState(null, '', '/');
    onSignedIn(session.person);
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
          <Field
            name="name"
            label="Your name"
            autoComplete="name"
            error={fieldError('name')}
            required
            maxLength={MAX_LENGTH.personName}
          />
          <Field
            name="roleTitle"
            label="Current role"
            error={fieldError('roleTitle')}
            required
            maxLength={MAX_LENGTH.roleTitle}
          />
          <Field
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            error={fieldError('password')}
            hint="At least 10 characters."
            required
            maxLength={MAX_LENGTH.password}
          />
          <FormError submission={submission} shown={['name', 'roleTitle', 'password']} />
          <SubmitButton submission={submission}>Join</SubmitButton>
        </form>
      )}
      {!invitation && (loadError ? <ErrorNotice error={loadError} /> : <Loading />)}
    </section>
  );
}
