import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { formValues } from '../../components/forms.ts';
import { Loading } from '../../components/loading.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';

/** The organisation: who reports to whom and who mentors whom; admins and managers invite people. */
export function TeamPage({ session }: { session: Session }) {
  const me = session.person;
  const everyone = useApi('people', (signal) => api.people({ signal }));
  const people = everyone.data ?? [];
  const load = everyone.reload;
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? '–';
  const isManager = people.some((p) => p.managerId === me.id);

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
      setLink(`${window.location.origin}${created.path}`);
      form.reset();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section>
      <h1>Team</h1>
      <p className="lede">Who reports to whom and who mentors whom. This page shows no one’s private data.</p>
      <ErrorNotice error={error} />
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
                    </th>
                    <td>{p.roleTitle}</td>
                    <td>{p.team ?? '–'}</td>
                    <td>
                      {me.isAdmin && p.id !== me.id ? (
                        <select
                          aria-label={`Manager of ${p.name}`}
                          value={p.managerId ?? ''}
                          onChange={(e) =>
                            api
                              .updatePerson(p.id, { managerId: e.target.value || null })
                              .then(load)
                              .catch(setError)
                          }
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
                        <select
                          aria-label={`Add a mentor for ${p.name}`}
                          value=""
                          onChange={(e) =>
                            e.target.value &&
                            api
                              .updatePerson(p.id, { mentorIds: [...p.mentorIds, e.target.value] })
                              .then(load)
                              .catch(setError)
                          }
                        >
                          <option value="">{p.mentorIds.map(nameOf).join(', ') || 'Add…'}</option>
                          {people
                            .filter((o) => o.id !== p.id && !p.mentorIds.includes(o.id))
                            .map((o) => (
                              <option key={o.id} value={o.id}>
                                + {o.name}
                              </option>
                            ))}
                        </select>
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
        {(me.isAdmin || isManager) && (
          <form className="card form" onSubmit={invite} aria-labelledby="invite-title">
            <h2 id="invite-title">Invite someone</h2>
            <div className="field">
              <label htmlFor="invite-email">Email</label>
              <input id="invite-email" name="email" type="email" required />
            </div>
            <div className="field">
              <label htmlFor="invite-team">Team (optional)</label>
              <input id="invite-team" name="team" />
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
            <button type="submit" className="primary">
              Create invitation link
            </button>
            {link && (
              <div role="status" className="notice">
                <p>Send this link; it works once, for seven days:</p>
                <input aria-label="Invitation link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              </div>
            )}
          </form>
        )}
      </div>
    </section>
  );
}
