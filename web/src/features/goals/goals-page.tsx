import { type FormEvent, useEffect, useState } from 'react';
import type { GoalOutput } from '../../../../src/contracts/goals.ts';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, FormError, invalidProps, SubmitButton, useSubmission } from '../../components/form-kit.tsx';
import { formValues } from '../../components/forms.ts';
import { Loading } from '../../components/loading.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';

/** The growth plan: goals per area with actions, due dates, check-ins and progress. */
export function GoalsPage({ session }: { session: Session }) {
  const { person, framework } = session;
  const {
    data,
    error,
    reload: load,
  } = useApi(`goals:${person.id}:all`, (signal) => api.goals(person.id, 'all', { signal }));
  const [showClosed, setShowClosed] = useState(false);

  const areaName = (id: string) => framework.areas.find((a) => a.id === id)?.name ?? id;
  const goals = (data?.goals ?? []).filter((g) => showClosed || g.status === 'active' || g.status === 'planned');
  const overdue = (data?.goals ?? []).filter((g) => g.progress.isOverdue || g.progress.overdueActions > 0).length;

  return (
    <section>
      <h1>Growth plan</h1>
      <p className="lede">
        Goals per area, each with what success looks like, a due date and small actions. Check in as you go; progress
        comes from the actions you finish.
      </p>
      {overdue > 0 && (
        <p className="notice notice-warn" role="status">
          {overdue} goal{overdue === 1 ? ' has' : 's have'} something overdue.
        </p>
      )}
      <ErrorNotice error={error} />
      <div className="overview-grid">
        <div>
          <div className="row space-between">
            <h2>Your goals</h2>
            <label className="inline">
              <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> Show done
              and dropped
            </label>
          </div>
          {!data && !error && <Loading />}
          {data && goals.length === 0 && <p className="card">No goals yet. Start with one for your largest gap.</p>}
          {goals.map((g) => (
            <GoalCard key={g.id} goal={g} areaName={areaName(g.areaId)} onChange={load} />
          ))}
        </div>
        <div>
          <NewGoalForm session={session} onCreated={load} />
          {data && (
            <div className="card">
              <h2>By area</h2>
              <table className="standing-table">
                <thead>
                  <tr>
                    <th scope="col">Area</th>
                    <th scope="col">Open</th>
                    <th scope="col">Done</th>
                    <th scope="col">Progress</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byArea.map((a) => (
                    <tr key={a.areaId}>
                      <th scope="row">{a.name}</th>
                      <td>{a.open}</td>
                      <td>{a.done}</td>
                      <td>{a.percent === null ? '–' : `${a.percent}%`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function GoalCard({ goal, areaName, onChange }: { goal: GoalOutput; areaName: string; onChange: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const actionForm = useSubmission();
  const checkinForm = useSubmission();
  const [newAction, setNewAction] = useState('');
  const [note, setNote] = useState('');
  const [confidence, setConfidence] = useState(3);
  // Ticks show at once; the server's answer (reloaded through onChange) then confirms them.
  const [done, setDone] = useState(() => new Set(goal.actions.filter((a) => a.doneOn).map((a) => a.id)));
  useEffect(() => {
    setDone(new Set(goal.actions.filter((a) => a.doneOn).map((a) => a.id)));
  }, [goal]);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  const isOpen = goal.status === 'active' || goal.status === 'planned';
  return (
    <article className="card goal" aria-labelledby={`goal-${goal.id}`} data-goal-id={goal.id}>
      <span className="tag">{areaName}</span>
      <h3 id={`goal-${goal.id}`}>{goal.title}</h3>
      <p className="muted">
        {goal.status}
        {goal.dueOn && (
          <>
            {' '}
            · due <time dateTime={goal.dueOn}>{goal.dueOn}</time>
          </>
        )}
        {goal.progress.isOverdue && <em className="badge badge-danger">overdue</em>} · {goal.evidenceCount} evidence
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Progress of ${goal.title}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={goal.progress.percent}
      >
        <span style={{ width: `${goal.progress.percent}%` }} />
      </div>
      {goal.why && <p>{goal.why}</p>}
      {goal.successCriteria && (
        <p>
          <strong>Success:</strong> {goal.successCriteria}
        </p>
      )}
      <ul className="checklist">
        {goal.actions.map((a) => (
          <li key={a.id}>
            <label className="inline">
              <input
                type="checkbox"
                checked={done.has(a.id)}
                onChange={(e) => {
                  const isDone = e.target.checked;
                  setDone((d) => {
                    const next = new Set(d);
                    if (isDone) next.add(a.id);
                    else next.delete(a.id);
                    return next;
                  });
                  run(() => api.updateGoalAction(goal.id, a.id, { done: isDone }));
                }}
              />{' '}
              {a.title}
            </label>
            {a.dueOn && <span className="muted"> · due {a.dueOn}</span>}
            {a.isOverdue && <em className="badge badge-danger">overdue</em>}
          </li>
        ))}
      </ul>
      {isOpen && (
        <details>
          <summary>Add an action or a check-in</summary>
          <form
            className="form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!newAction.trim()) return;
              const saved = await actionForm.run(
                () => api.addGoalAction(goal.id, { title: newAction.trim() }),
                e.currentTarget,
              );
              if (saved) {
                setNewAction('');
                onChange();
              }
            }}
          >
            <div className="row">
              <label className="visually-hidden" htmlFor={`action-${goal.id}`}>
                New action for {goal.title}
              </label>
              <input
                id={`action-${goal.id}`}
                value={newAction}
                maxLength={MAX_LENGTH.goalTitle}
                onChange={(e) => setNewAction(e.target.value)}
                placeholder="A small next step"
                {...invalidProps(actionForm, 'title', `action-${goal.id}`)}
              />
              <SubmitButton submission={actionForm} className="">
                Add action
              </SubmitButton>
            </div>
            <FieldError submission={actionForm} name="title" id={`action-${goal.id}`} />
            <FormError submission={actionForm} shown={['title']} />
          </form>
          <form
            className="form"
            onSubmit={async (e) => {
              e.preventDefault();
              const saved = await checkinForm.run(() => api.addCheckin(goal.id, { note, confidence }), e.currentTarget);
              if (saved) {
                setNote('');
                onChange();
              }
            }}
          >
            <div className="field">
              <label htmlFor={`note-${goal.id}`}>Check-in note</label>
              <input
                id={`note-${goal.id}`}
                value={note}
                maxLength={MAX_LENGTH.checkinNote}
                onChange={(e) => setNote(e.target.value)}
                {...invalidProps(checkinForm, 'note', `note-${goal.id}`)}
              />
              <FieldError submission={checkinForm} name="note" id={`note-${goal.id}`} />
            </div>
            <div className="field">
              <label htmlFor={`conf-${goal.id}`}>Confidence (1 unlikely – 5 sure)</label>
              <select id={`conf-${goal.id}`} value={confidence} onChange={(e) => setConfidence(Number(e.target.value))}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <FormError submission={checkinForm} shown={['note', 'confidence']} />
            <SubmitButton submission={checkinForm} className="">
              Save check-in
            </SubmitButton>
          </form>
        </details>
      )}
      {goal.checkins.length > 0 && (
        <p className="muted">
          Last check-in {goal.checkins[0]?.createdAt.slice(0, 10)}: “{goal.checkins[0]?.note}” (
          {goal.checkins[0]?.confidence}/5)
        </p>
      )}
      <div className="row">
        {isOpen ? (
          <>
            <button type="button" onClick={() => run(() => api.updateGoal(goal.id, { status: 'done' }))}>
              Mark goal done
            </button>
            <button
              type="button"
              className="quiet"
              onClick={() => run(() => api.updateGoal(goal.id, { status: 'dropped' }))}
            >
              Drop
            </button>
          </>
        ) : (
          <button
            type="button"
            className="quiet"
            onClick={() => run(() => api.updateGoal(goal.id, { status: 'active' }))}
          >
            Reopen
          </button>
        )}
      </div>
      <ErrorNotice error={error} />
    </article>
  );
}

function NewGoalForm({ session, onCreated }: { session: Session; onCreated: () => void }) {
  const { framework, person } = session;
  const [areaId, setAreaId] = useState(framework.areas[0]?.id ?? '');
  const [picked, setPicked] = useState<string[]>([]);
  const submission = useSubmission();
  const area = framework.areas.find((a) => a.id === areaId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const value = formValues(formElement);
    const created = await submission.run(
      () =>
        api.createGoal(person.id, {
          areaId,
          title: value('title'),
          why: value('why'),
          successCriteria: value('successCriteria'),
          ...(value('dueOn') ? { dueOn: value('dueOn') } : {}),
          actions: [
            ...picked.map((id) => ({ frameworkActionId: id })),
            ...(value('customAction') ? [{ title: value('customAction') }] : []),
          ],
        }),
      formElement,
    );
    if (!created) return;
    formElement.reset();
    setPicked([]);
    onCreated();
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-goal-title">
      <h2 id="new-goal-title">New goal</h2>
      <div className="field">
        <label htmlFor="goal-area">Area</label>
        <select
          id="goal-area"
          value={areaId}
          onChange={(e) => {
            setAreaId(e.target.value);
            setPicked([]);
          }}
        >
          {framework.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="goal-title">Goal</label>
        <input
          id="goal-title"
          name="title"
          required
          maxLength={MAX_LENGTH.goalTitle}
          {...invalidProps(submission, 'title', 'goal-title')}
        />
        <FieldError submission={submission} name="title" id="goal-title" />
      </div>
      <div className="field">
        <label htmlFor="goal-why">Why it matters</label>
        <textarea
          id="goal-why"
          name="why"
          rows={2}
          maxLength={MAX_LENGTH.goalText}
          {...invalidProps(submission, 'why', 'goal-why')}
        />
        <FieldError submission={submission} name="why" id="goal-why" />
      </div>
      <div className="field">
        <label htmlFor="goal-success">Success looks like</label>
        <textarea
          id="goal-success"
          name="successCriteria"
          rows={2}
          maxLength={MAX_LENGTH.goalText}
          {...invalidProps(submission, 'successCriteria', 'goal-success')}
        />
        <FieldError submission={submission} name="successCriteria" id="goal-success" />
      </div>
      <div className="field">
        <label htmlFor="goal-due">Due date</label>
        <input id="goal-due" name="dueOn" type="date" {...invalidProps(submission, 'dueOn', 'goal-due')} />
        <FieldError submission={submission} name="dueOn" id="goal-due" />
      </div>
      <fieldset>
        <legend>Suggested actions for {area?.name}</legend>
        {area?.actions.map((a) => (
          <label key={a.id} className="inline block">
            <input
              type="checkbox"
              checked={picked.includes(a.id)}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, a.id] : p.filter((x) => x !== a.id)))}
            />{' '}
            {a.title}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="goal-custom">Your own first action (optional)</label>
        <input
          id="goal-custom"
          name="customAction"
          maxLength={MAX_LENGTH.goalTitle}
          {...invalidProps(submission, 'actions', 'goal-custom')}
        />
        <FieldError submission={submission} name="actions" id="goal-custom" />
      </div>
      <FormError
        submission={submission}
        shown={['title', 'why', 'successCriteria', 'dueOn', 'actions']}
        labels={{ areaId: 'Area', status: 'Status', visibility: 'Who can see it' }}
      />
      <SubmitButton submission={submission}>Create goal</SubmitButton>
    </form>
  );
}
