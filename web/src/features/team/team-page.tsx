import { type FormEvent, useState } from 'react';
import type { PersonOutput } from '../../../../src/contracts/index.ts';
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

/** A link just made for an invitation, shown until another is made. */
interface ShownLink {
  email: string;
  url: string;
  copied: boolean;
  /** Made by the invite form, or as a new link for a pending invitation. */
  source: 'invite' | 'renew';
}

/** Puts a link on the clipboard when the browser allows it (secure pages only); says whether it did. */
async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The organisation: who reports to whom and who mentors whom. Admins change anyone's name, role,
 * team, admin rights, manager and mentors; admins and managers invite people and manage the
 * invitations still pending (a new link, or revoke).
 */
export function TeamPage({ session }: { session: Session }) {
  const me = session.person;
  const everyone = useApi('people', (signal) => api.people({ signal }));
  const people = everyone.data ?? [];
  const load = everyone.reload;
  const isManager = people.some((p) => p.managerId === me.id);
  const mayInvite = me.isAdmin || isManager;
  const invitations = useApi(mayInvite ? 'pending-invitations' : null, (signal) => api.pendingInvitations({ signal }));
  const pending = invitations.data ?? [];
  const [link, setLink] = useState<ShownLink | null>(null);
  const [editing, setEditing] = useState<PersonOutput | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One request at a time; field problems shown on their inputs.
  const inviteForm = useSubmission();
  const editForm = useSubmission();
  const problems = problemsOf(error);
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? '–';

  /** Saves a change to a person, then shows the directory again as the server has it. */
  function change(personId: string, input: Parameters<typeof api.updatePerson>[1], done?: string) {
    setError(null);
    setStatus(null);
    return api
      .updatePerson(personId, input)
      .then((saved) => {
        load();
        if (done) setStatus(done.replace('{name}', saved.name));
        if (saved.id === me.id) void session.refreshPerson();
        return true;
      })
      .catch((e: unknown) => {
        setError(e);
        return false;
      });
  }

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const value = formValues(form);
    setError(null);
    try {
      const created = await api.invite({
        email: value('email'),
        ...(value('team') ? { team: value('team') } : {}),
        ...(value('managerId') ? { managerId: value('managerId') } : {}),
        ...(value('mentorId') ? { mentorId: value('mentorId') } : {}),
        ...(me.isAdmin ? { isAdmin: value('isAdmin') === 'on' } : {}),
      });
      setLink({
        email: created.email,
        url: `${window.location.origin}${created.path}`,
        copied: false,
        source: 'invite',
      });
      form.reset();
      invitations.reload();
    } catch (e) {
      setError(e);
    }
  }

  async function newLink(invitationId: string) {
    setError(null);
    setStatus(null);
    try {
      const created = await api.renewInvitationLink(invitationId);
      const url = `${window.location.origin}${created.path}`;
      setLink({ email: created.email, url, copied: await copyToClipboard(url), source: 'renew' });
      invitations.reload();
    } catch (e) {
      setError(e);
    }
  }

  async function revoke(invitationId: string, email: string) {
    setError(null);
    setStatus(null);
    try {
      await api.revokeInvitation(invitationId);
      if (link?.email === email) setLink(null);
      setStatus(`The invitation for ${email} is revoked; its link no longer works.`);
      invitations.reload();
    } catch (e) {
      setError(e);
    }
  }

  async function saveEdit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const value = formValues(event.currentTarget);
    const saved = await change(
      editing.id,
      {
        name: value('name'),
        roleTitle: value('roleTitle'),
        team: value('team') || null,
        ...(editing.id === me.id ? {} : { isAdmin: value('isAdmin') === 'on' }),
      },
      'Saved {name}’s profile.',
    );
    if (saved) setEditing(null);
  }

  return (
    <section>
      <h1>Team</h1>
      <p className="lede">Who reports to whom and who mentors whom. This page shows no one’s private data.</p>
      <FormError submission={problems} shown={['email', 'team', 'name', 'roleTitle']} />
      {status && (
        <p role="status" className="notice">
          {status}
        </p>
      )}
      <div className="overview-grid">
        <div className="card">
          <ErrorNotice error={everyone.error} />
          {!everyone.data && !everyone.error && <Loading />}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-scroll" tabIndex={0} aria-label="People (scrolls sideways on small screens)">
            <table className="standing-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Team</th>
                  <th scope="col">Manager</th>
                  <th scope="col">Mentors</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id} data-person-id={p.id}>
                    <th scope="row">
                      {p.name} {p.isAdmin && <em className="badge">admin</em>}
                      {me.isAdmin && (
                        <button
                          type="button"
                          className="quiet"
                          aria-label={`Edit ${p.name}`}
                          onClick={() => {
                            setStatus(null);
                            setEditing(p);
                          }}
                        >
                          Edit
                        </button>
                      )}
                    </th>
                    <td>{p.roleTitle}</td>
                    <td>{p.team ?? '–'}</td>
                    <td>
                      {me.isAdmin && p.id !== me.id ? (
                        <select
                          aria-label={`Manager of ${p.name}`}
                          value={p.managerId ?? ''}
                          onChange={(e) => change(p.id, { managerId: e.target.value || null })}
                        >
                          <option value="">None</option>
                          {people
                            .filter((o) => o.id !== p.id)
                            .map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.name}
                              </option>
                            ))}
                        </select>
                      ) : (
                        nameOf(p.managerId)
                      )}
                    </td>
                    <td>
                      {me.isAdmin ? (
                        <div className="row">
                          {p.mentorIds.map((mentorId) => (
                            <span key={mentorId} className="badge">
                              {nameOf(mentorId)}{' '}
                              <button
                                type="button"
                                className="quiet"
                                aria-label={`Remove ${nameOf(mentorId)} as mentor of ${p.name}`}
                                onClick={() =>
                                  change(
                                    p.id,
                                    { mentorIds: p.mentorIds.filter((id) => id !== mentorId) },
                                    `${nameOf(mentorId)} no longer mentors {name}.`,
                                  )
                                }
                              >
                                ×
                              </button>
                            </span>
                          ))}
                          <select
                            aria-label={`Add a mentor for ${p.name}`}
                            value=""
                            onChange={(e) =>
                              e.target.value && change(p.id, { mentorIds: [...p.mentorIds, e.target.value] })
                            }
                          >
                            <option value="">Add…</option>
                            {people
                              .filter((o) => o.id !== p.id && !p.mentorIds.includes(o.id))
                              .map((o) => (
                                <option key={o.id} value={o.id}>
                                  + {o.name}
                                </option>
                              ))}
                          </select>
                        </div>
                      ) : (
                        p.mentorIds.map(nameOf).join(', ') || '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        {me.isAdmin && editing && (
          <form
            key={editing.id}
            className="card form"
            onSubmit={(e) => editForm.run(() => saveEdit(e))}
            aria-labelledby="edit-person-title"
            ref={(form) => form?.scrollIntoView({ block: 'nearest' })}
          >
            <h2 id="edit-person-title">Edit {editing.name}</h2>
            <Field
              id="edit-name"
              name="name"
              label="Name"
              defaultValue={editing.name}
              required
              maxLength={MAX_LENGTH.personName}
              error={problems.problem('name')}
            />
            <Field
              id="edit-role"
              name="roleTitle"
              label="Role"
              defaultValue={editing.roleTitle}
              required
              maxLength={MAX_LENGTH.roleTitle}
              error={problems.problem('roleTitle')}
            />
            <Field
              id="edit-team"
              name="team"
              label="Team (empty for none)"
              defaultValue={editing.team ?? ''}
              maxLength={MAX_LENGTH.team}
              error={problems.problem('team')}
            />
            <label className="inline">
              <input
                type="checkbox"
                name="isAdmin"
                defaultChecked={editing.isAdmin}
                disabled={editing.id === me.id}
                aria-describedby={editing.id === me.id ? 'edit-admin-self' : undefined}
              />{' '}
              Admin (manages people, invitations and the framework)
            </label>
            {editing.id === me.id && (
              <p id="edit-admin-self" className="muted">
                You cannot take away your own admin rights; another admin can.
              </p>
            )}
            <div className="row">
              <SubmitButton submission={editForm}>Save</SubmitButton>
              <button type="button" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </div>
          </form>
        )}
        {mayInvite && (
          <form className="card form" onSubmit={(e) => inviteForm.run(() => invite(e))} aria-labelledby="invite-title">
            <h2 id="invite-title">Invite someone</h2>
            <div className="field">
              <label htmlFor="invite-email">Email</label>
              <input
                id="invite-email"
                name="email"
                type="email"
                required
                maxLength={MAX_LENGTH.email}
                {...invalidProps(problems, 'email', 'invite-email')}
              />
              <FieldError submission={problems} name="email" id="invite-email" />
            </div>
            <div className="field">
              <label htmlFor="invite-team">Team (optional)</label>
              <input
                id="invite-team"
                name="team"
                maxLength={MAX_LENGTH.team}
                {...invalidProps(problems, 'team', 'invite-team')}
              />
              <FieldError submission={problems} name="team" id="invite-team" />
            </div>
            {me.isAdmin && (
              <div className="field">
                <label htmlFor="invite-manager">Manager</label>
                <select id="invite-manager" name="managerId" defaultValue="">
                  <option value="">None</option>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor="invite-mentor">Mentor (optional)</label>
              <select id="invite-mentor" name="mentorId" defaultValue="">
                <option value="">None</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            {me.isAdmin && (
              <label className="inline">
                <input type="checkbox" name="isAdmin" /> Make them an admin
              </label>
            )}
            <SubmitButton submission={inviteForm}>Create invitation link</SubmitButton>
            {link?.source === 'invite' && <LinkNotice link={link} />}
          </form>
        )}
        {mayInvite && (
          <section className="card" aria-labelledby="pending-title">
            <h2 id="pending-title">Pending invitations</h2>
            <p className="muted">
              {me.isAdmin
                ? 'Everyone invited who has not joined yet.'
                : 'The people you invited, or who were invited to report to you, who have not joined yet.'}{' '}
              A link is stored only as a fingerprint, so it cannot be shown again: “Copy new link” makes a fresh one for
              seven days and the old one stops working.
            </p>
            <ErrorNotice error={invitations.error} />
            {!invitations.data && !invitations.error && <Loading />}
            {invitations.data && pending.length === 0 && <p className="muted">No invitations are waiting.</p>}
            {link?.source === 'renew' && <LinkNotice link={link} />}
            <ul className="history">
              {pending.map((i) => (
                <li key={i.id} data-invitation-email={i.email}>
                  <strong>{i.email}</strong>{' '}
                  <span className="muted">
                    invited by {i.invitedBy}
                    {i.team ? `, team ${i.team}` : ''}
                    {i.managerName ? `, reporting to ${i.managerName}` : ''}
                    {i.isAdmin ? ', as admin' : ''}; link works until {i.expiresAt.slice(0, 10)}
                  </span>
                  <div className="row">
                    <button type="button" onClick={() => newLink(i.id)} aria-label={`Copy new link for ${i.email}`}>
                      Copy new link
                    </button>
                    <button
                      type="button"
                      className="quiet"
                      onClick={() => revoke(i.id, i.email)}
                      aria-label={`Revoke the invitation for ${i.email}`}
                    >
                      Revoke
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
}

/** An invitation link to send, selected on focus (and already on the clipboard when `copied`). */
function LinkNotice({ link }: { link: ShownLink }) {
  return (
    <div role="status" className="notice">
      <p>
        {link.copied ? 'Copied to the clipboard. ' : ''}Send this link to {link.email}; it works once, for seven days:
      </p>
      <input aria-label="Invitation link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}
