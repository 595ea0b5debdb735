import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import {
  Field,
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

/** Your profile (name, role), password, personal API tokens, signing out everywhere, and who looked at your data. */
export function AccountPage({ session }: { session: Session }) {
  const me = session.person;
  const tokenList = useApi('tokens', (signal) => api.tokens({ signal }));
  const auditLog = useApi('audit', (signal) => api.audit({ signal }));
  const tokens = tokenList.data ?? [];
  const load = tokenList.reload;
  const [newToken, setNewToken] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One request at a time per form; field problems shown on their inputs.
  const profileForm = useSubmission();
  const passwordForm = useSubmission();
  const tokenForm = useSubmission();
  const problems = problemsOf(error);

  async function saveProfile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValues(event.currentTarget);
    setError(null);
    setStatus(null);
    try {
      await api.updatePerson(me.id, { name: value('name'), roleTitle: value('roleTitle') });
      await session.refreshPerson();
      setStatus('Your profile is saved.');
    } catch (e) {
      setError(e);
    }
  }
  async function changePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const value = formValues(form);
    setError(null);
    try {
      await api.changePassword(value('current'), value('next'));
      setStatus('Password changed; your other sessions were signed out.');
      form.reset();
    } catch (e) {
      setError(e);
    }
  }
  async function createToken(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    try {
      const created = await api.createToken(formValues(form)('name'));
      setNewToken(created.token);
      form.reset();
      load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="narrow">
      <h1>Your account</h1>
      <FormError submission={problems} shown={['current', 'next', 'name', 'roleTitle']} />
      {status && (
        <p role="status" className="notice">
          {status}
        </p>
      )}
      <form
        className="card form"
        onSubmit={(e) => profileForm.run(() => saveProfile(e))}
        aria-labelledby="profile-title"
      >
        <h2 id="profile-title">Your profile</h2>
        <Field
          id="profile-name"
          name="name"
          label="Name"
          defaultValue={me.name}
          autoComplete="name"
          required
          maxLength={MAX_LENGTH.personName}
          error={problems.problem('name')}
        />
        <Field
          id="profile-role"
          name="roleTitle"
          label="Current role"
          defaultValue={me.roleTitle}
          required
          maxLength={MAX_LENGTH.roleTitle}
          error={problems.problem('roleTitle')}
        />
        <p className="muted">
          Signed in as {me.email}
          {me.team ? `, team ${me.team}` : ''}. Your team, manager and mentors are set by an admin; your track on the{' '}
          <Link href="/path">path</Link> page.
        </p>
        <SubmitButton submission={profileForm} className="">
          Save profile
        </SubmitButton>
      </form>
      <div className="card">
        <h2>Who looked at your data</h2>
        <ErrorNotice error={auditLog.error} />
        {!auditLog.data ? (
          !auditLog.error && <Loading />
        ) : auditLog.data.length === 0 ? (
          <p className="muted">Nobody but you has read or changed your data.</p>
        ) : (
          <ul className="history">
            {auditLog.data.map((a) => (
              <li key={a.id}>
                <time dateTime={a.at}>{a.at.slice(0, 16).replace('T', ' ')}</time> — {a.who}{' '}
                {a.action === 'read' ? 'read' : 'changed'} your {a.resource}
              </li>
            ))}
          </ul>
        )}
      </div>
      <form
        className="card form"
        onSubmit={(e) => passwordForm.run(() => changePassword(e))}
        aria-labelledby="password-title"
      >
        <h2 id="password-title">Change password</h2>
        <div className="field">
          <label htmlFor="pw-current">Current password</label>
          <input
            id="pw-current"
            name="current"
            type="password"
            autoComplete="current-password"
            required
            maxLength={MAX_LENGTH.password}
            {...invalidProps(problems, 'current', 'pw-current')}
          />
          <FieldError submission={problems} name="current" id="pw-current" />
        </div>
        <div className="field">
          <label htmlFor="pw-next">New password (at least 10 characters)</label>
          <input
            id="pw-next"
            name="next"
            type="password"
            autoComplete="new-password"
            required
            maxLength={MAX_LENGTH.password}
            {...invalidProps(problems, 'next', 'pw-next')}
          />
          <FieldError submission={problems} name="next" id="pw-next" />
        </div>
        <SubmitButton submission={passwordForm} className="">
          Change password
        </SubmitButton>
      </form>
      <div className="card">
        <h2>Personal API tokens</h2>
        <p className="muted">
          For scripts: send <code>Authorization: Bearer …</code>. A token is shown once; revoke it when you stop using
          it.
        </p>
        <ErrorNotice error={tokenList.error} />
        {!tokenList.data && !tokenList.error && <Loading />}
        <ul>
          {tokens.map((t) => (
            <li key={t.id}>
              {t.name}{' '}
              <span className="muted">
                (created {t.createdAt.slice(0, 10)}
                {t.revokedAt ? ', revoked' : ''})
              </span>{' '}
              {!t.revokedAt && (
                <button
                  type="button"
                  className="quiet"
                  onClick={() => {
                    setError(null);
                    api.revokeToken(t.id).then(load).catch(setError);
                  }}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
        <form className="row" onSubmit={(e) => tokenForm.run(() => createToken(e))}>
          <label className="visually-hidden" htmlFor="token-name">
            Token name
          </label>
          <input
            id="token-name"
            name="name"
            placeholder="e.g. laptop scripts"
            required
            maxLength={MAX_LENGTH.tokenName}
            {...invalidProps(problems, 'name', 'token-name')}
          />
          <SubmitButton submission={tokenForm} className="">
            Create token
          </SubmitButton>
          <FieldError submission={problems} name="name" id="token-name" />
        </form>
        {newToken && (
          <div role="status" className="notice">
            <p>Copy it now; it will not be shown again:</p>
            <input aria-label="New API token" readOnly value={newToken} onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
      </div>
      <div className="card">
        <h2>Sessions</h2>
        <button
          type="button"
          onClick={() =>
            api
              .logOutEverywhere()
              .then(() => window.location.assign('/'))
              .catch(setError)
          }
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
