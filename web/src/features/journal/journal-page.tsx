import { type FormEvent, useState } from 'react';
import type { GoalOutput } from '../../../../src/contracts/goals.ts';
import type { EntryOutput, TimelineOutput } from '../../../../src/contracts/journal.ts';
import { MAX_LENGTH, MAX_LINKS } from '../../../../src/contracts/limits.ts';
import {
  ENTRY_KINDS,
  type EntryKind,
  latestEvidenceDate,
  VISIBILITIES,
} from '../../../../src/domain/journal/journal.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, FormError, invalidProps, SubmitButton, useSubmission } from '../../components/form-kit.tsx';
import { formValues } from '../../components/forms.ts';
import { Heatmap } from '../../components/heatmap.tsx';
import { Loading } from '../../components/loading.tsx';
import { useApi, useDebounced } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';
import { JournalImport } from './journal-import.tsx';

interface Filters {
  q: string;
  areaId: string;
  kind: EntryKind | '';
  from: string;
  to: string;
  goalId: string;
}

const NO_FILTERS: Filters = { q: '', areaId: '', kind: '', from: '', to: '', goalId: '' };

/** The evidence journal: quick capture, filters and search, and a week-by-area timeline. */
export function JournalPage({ session }: { session: Session }) {
  const { person, framework } = session;
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [error, setError] = useState<unknown>(null);
  // Typing in the search box sends one request once it pauses, not one per key.
  const q = useDebounced(filters.q, 250);
  const query = { ...filters, q, limit: 100 };
  const entries = useApi(`entries:${person.id}:${JSON.stringify(query)}`, (signal) =>
    api.entries(person.id, query, { signal }),
  );
  // The timeline does not depend on the filters: it reloads only when an entry changes.
  const timeline = useApi(`timeline:${person.id}`, (signal) => api.timeline(person.id, 12, { signal }));
  const openGoals = useApi(`goals:${person.id}:open`, (signal) => api.goals(person.id, 'open', { signal }));
  const goals = openGoals.data?.goals ?? [];
  // After a failed search, the previous search's entries would mislead: show only the error.
  const result = entries.error && !entries.isCurrent ? undefined : entries.data;
  const changed = () => {
    setError(null);
    entries.reload();
    timeline.reload();
  };

  const areaName = (id: string) => framework.areas.find((a) => a.id === id)?.name ?? id;

  return (
    <section>
      <h1>Evidence journal</h1>
      <p className="lede">
        What you did, when, and what it shows. Entries are private unless you share them. Write it down while you
        remember the details: a line is enough.
      </p>
      <div className="overview-grid">
        <div>
          <QuickCapture session={session} goals={goals} onSaved={changed} />
          <ErrorNotice error={openGoals.error} />
          <JournalImport personId={person.id} onImported={changed} />
          <search className="card toolbar" aria-label="Filter entries">
            <label>
              Search{' '}
              <input
                type="search"
                value={filters.q}
                maxLength={MAX_LENGTH.search}
                onChange={(e) => setFilters({ ...filters, q: e.target.value })}
              />
            </label>
            <label>
              Area{' '}
              <select value={filters.areaId} onChange={(e) => setFilters({ ...filters, areaId: e.target.value })}>
                <option value="">All</option>
                {framework.areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Kind{' '}
              <select
                value={filters.kind}
                onChange={(e) => setFilters({ ...filters, kind: e.target.value as Filters['kind'] })}
              >
                <option value="">All</option>
                {ENTRY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            <label>
              From{' '}
              <input
                type="date"
                value={filters.from}
                onChange={(e) => setFilters({ ...filters, from: e.target.value })}
              />
            </label>
            <label>
              To{' '}
              <input type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
            </label>
            <label>
              Goal{' '}
              <select value={filters.goalId} onChange={(e) => setFilters({ ...filters, goalId: e.target.value })}>
                <option value="">All</option>
                {goals.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="quiet" onClick={() => setFilters(NO_FILTERS)}>
              Clear
            </button>
          </search>
          <ErrorNotice error={entries.error ?? error} />
          {result ? (
            <p className="muted" aria-live="polite">
              {result.total} {result.total === 1 ? 'entry' : 'entries'}
            </p>
          ) : (
            !entries.error && <Loading />
          )}
          <ol className="entries" aria-busy={entries.loading}>
            {result?.entries.map((e) => (
              <li key={e.id} className="card entry">
                <p className="muted">
                  <time dateTime={e.occurredOn}>{e.occurredOn}</time> · {e.kind} · {e.areas.map(areaName).join(', ')} ·{' '}
                  {e.visibility}
                  {e.source !== 'manual' && <> · from {e.source}</>}
                </p>
                <h3>{e.title}</h3>
                {/* bodyHtml is rendered and sanitised on the server (presenters/markdown.ts). */}
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side */}
                {e.body && <div className="entry-body" dangerouslySetInnerHTML={{ __html: e.bodyHtml }} />}
                {e.links.length > 0 && (
                  <ul className="links">
                    {e.links.map((l) => (
                      <li key={l}>
                        <a href={l} rel="noopener noreferrer nofollow" target="_blank">
                          {l}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
                <EntryControls entry={e} onChange={changed} onError={setError} />
                <button
                  type="button"
                  className="quiet"
                  aria-label={`Delete “${e.title}”`}
                  onClick={() => {
                    if (!window.confirm(`Delete “${e.title}”?`)) return;
                    setError(null);
                    api.deleteEntry(e.id).then(changed).catch(setError);
                  }}
                >
                  Delete
                </button>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <Timeline timeline={timeline.data} error={timeline.error} areas={framework.areas} />
        </div>
      </div>
    </section>
  );
}

function QuickCapture({ session, goals, onSaved }: { session: Session; goals: GoalOutput[]; onSaved: () => void }) {
  const { framework, person } = session;
  const [areas, setAreas] = useState<string[]>([]);
  const submission = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const value = formValues(formElement);
    setSaved(null);
    const entry = await submission.run(
      () =>
        api.createEntry(person.id, {
          title: value('title'),
          body: value('body'),
          areas,
          kind: value('kind') as EntryOutput['kind'],
          visibility: value('visibility') as EntryOutput['visibility'],
          links: value('links').split(/\s+/).filter(Boolean),
          ...(value('occurredOn') ? { occurredOn: value('occurredOn') } : {}),
          ...(value('goalId') ? { goalId: value('goalId') } : {}),
        }),
      formElement,
    );
    if (!entry) return;
    formElement.reset();
    setAreas([]);
    setSaved(`Saved “${entry.title}”.`);
    onSaved();
    (formElement.elements.namedItem('title') as HTMLInputElement | null)?.focus();
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="capture-title">
      <h2 id="capture-title">Log evidence</h2>
      <div className="field">
        <label htmlFor="entry-title">What did you do?</label>
        <input
          id="entry-title"
          name="title"
          required
          maxLength={MAX_LENGTH.entryTitle}
          {...invalidProps(submission, 'title', 'entry-title')}
        />
        <FieldError submission={submission} name="title" id="entry-title" />
      </div>
      <fieldset aria-describedby={submission.problem('areas') ? 'entry-areas-error' : undefined}>
        <legend>Areas it shows</legend>
        <div className="area-checks">
          {framework.areas.map((a) => (
            <label key={a.id} className="inline">
              <input
                type="checkbox"
                name="areas"
                value={a.id}
                checked={areas.includes(a.id)}
                onChange={(e) =>
                  setAreas((list) => (e.target.checked ? [...list, a.id] : list.filter((x) => x !== a.id)))
                }
              />{' '}
              {a.name}
            </label>
          ))}
        </div>
        <FieldError submission={submission} name="areas" id="entry-areas" />
      </fieldset>
      <div className="row">
        <div className="field">
          <label htmlFor="entry-kind">Kind</label>
          <select id="entry-kind" name="kind" defaultValue="other">
            {ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entry-date">Date</label>
          <input
            id="entry-date"
            name="occurredOn"
            type="date"
            max={latestEvidenceDate(new Date())}
            {...invalidProps(submission, 'occurredOn', 'entry-date')}
          />
          <FieldError submission={submission} name="occurredOn" id="entry-date" />
        </div>
        <div className="field">
          <label htmlFor="entry-visibility">Who can see it</label>
          <select id="entry-visibility" name="visibility" defaultValue="private">
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entry-goal">For goal</label>
          <select id="entry-goal" name="goalId" defaultValue="">
            <option value="">None</option>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="entry-links">Links (space-separated)</label>
        <input
          id="entry-links"
          name="links"
          placeholder="https://…"
          maxLength={(MAX_LENGTH.link + 1) * MAX_LINKS}
          {...invalidProps(submission, 'links', 'entry-links')}
        />
        <FieldError submission={submission} name="links" id="entry-links" />
      </div>
      <div className="field">
        <label htmlFor="entry-body">Details (Markdown, optional)</label>
        <textarea
          id="entry-body"
          name="body"
          rows={3}
          maxLength={MAX_LENGTH.entryBody}
          {...invalidProps(submission, 'body', 'entry-body')}
        />
        <FieldError submission={submission} name="body" id="entry-body" />
      </div>
      <FormError
        submission={submission}
        shown={['title', 'areas', 'occurredOn', 'links', 'body']}
        labels={{ kind: 'Kind', visibility: 'Who can see it', goalId: 'For goal' }}
      />
      {saved && (
        <p role="status" className="notice">
          {saved}
        </p>
      )}
      <SubmitButton submission={submission}>Save entry</SubmitButton>
    </form>
  );
}

/** A heatmap of evidence: areas down, weeks across, darker for more entries. */
function Timeline({
  timeline,
  error,
  areas,
}: {
  timeline: TimelineOutput | undefined;
  error: unknown;
  areas: Session['framework']['areas'];
}) {
  return (
    <div className="card">
      <h2>Evidence by week</h2>
      <ErrorNotice error={error} />
      {!timeline && !error && <Loading />}
      {timeline && (
        <Heatmap
          label="Entries per area per week, last 12 weeks"
          fileName="leadway-evidence-by-week"
          rows={areas}
          columns={timeline.weeks.map((w) => ({
            key: w.week,
            label: w.startsOn.slice(5),
            title: `week of ${w.startsOn}`,
            counts: w.counts,
          }))}
        />
      )}
    </div>
  );
}

/** Change who can see an entry, or edit its title, date and details, in place. */
function EntryControls({
  entry,
  onChange,
  onError,
}: {
  entry: EntryOutput;
  onChange: () => void;
  onError: (e: unknown) => void;
}) {
  const [editing, setEditing] = useState(false);
  const edit = useSubmission();
  const save = (input: Parameters<typeof api.updateEntry>[1]) =>
    api
      .updateEntry(entry.id, input)
      .then(() => {
        setEditing(false);
        onChange();
      })
      .catch(onError);
  const id = (name: string) => `edit-${name}-${entry.id}`;
  return (
    <div className="row entry-controls">
      <label className="inline">
        Visible to{' '}
        <select
          value={entry.visibility}
          aria-label={`Who can see “${entry.title}”`}
          onChange={(ev) => save({ visibility: ev.target.value as EntryOutput['visibility'] })}
        >
          {VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="quiet" onClick={() => setEditing((x) => !x)} aria-expanded={editing}>
        {editing ? 'Cancel' : 'Edit'}
      </button>
      {editing && (
        <form
          className="form edit-entry"
          onSubmit={async (ev) => {
            ev.preventDefault();
            const value = formValues(ev.currentTarget);
            const input = { title: value('title'), occurredOn: value('occurredOn'), body: value('body') };
            if (await edit.run(() => api.updateEntry(entry.id, input), ev.currentTarget)) {
              setEditing(false);
              onChange();
            }
          }}
        >
          <div className="field">
            <label htmlFor={id('title')}>Title</label>
            <input
              id={id('title')}
              name="title"
              defaultValue={entry.title}
              required
              maxLength={MAX_LENGTH.entryTitle}
              {...invalidProps(edit, 'title', id('title'))}
            />
            <FieldError submission={edit} name="title" id={id('title')} />
          </div>
          <div className="field">
            <label htmlFor={id('date')}>Date</label>
            <input
              id={id('date')}
              name="occurredOn"
              type="date"
              max={latestEvidenceDate(new Date())}
              defaultValue={entry.occurredOn}
              required
              {...invalidProps(edit, 'occurredOn', id('date'))}
            />
            <FieldError submission={edit} name="occurredOn" id={id('date')} />
          </div>
          <div className="field">
            <label htmlFor={id('body')}>Details</label>
            <textarea
              id={id('body')}
              name="body"
              rows={3}
              defaultValue={entry.body}
              maxLength={MAX_LENGTH.entryBody}
              {...invalidProps(edit, 'body', id('body'))}
            />
            <FieldError submission={edit} name="body" id={id('body')} />
          </div>
          <FormError submission={edit} shown={['title', 'occurredOn', 'body']} />
          <SubmitButton submission={edit}>Save changes</SubmitButton>
        </form>
      )}
    </div>
  );
}
