import { useState } from 'react';
import { Link } from 'wouter';
import type { NextActionsOutput } from '../../../../src/contracts/index.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Loading } from '../../components/loading.tsx';

/** "Start today": three small actions for the largest gaps; each can be marked done or dismissed. */
export function StartToday({
  personId,
  next,
  loadError,
  onChange,
}: {
  personId: string;
  next: NextActionsOutput | null;
  /** Why the actions could not be loaded, if they could not. */
  loadError?: unknown;
  onChange: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function mark(actionId: string, state: 'done' | 'dismissed') {
    setBusy(actionId);
    setError(null);
    try {
      await api.setActionState(personId, actionId, state);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card start-today" aria-labelledby="start-today-title">
      <h2 id="start-today-title">Start today</h2>
      {!next && (loadError ? <ErrorNotice error={loadError} /> : <Loading />)}
      {next?.needs === 'path' && (
        <p>
          <Link href="/path">Choose your path</Link> to get suggestions.
        </p>
      )}
      {next?.needs === 'assessment' && (
        <p>
          <Link href="/assess">Assess yourself</Link> to get suggestions.
        </p>
      )}
      {next && !next.needs && next.actions.length === 0 && <p>Every suggestion is done or dismissed. Well done.</p>}
      <ol className="actions">
        {next?.actions.map((a) => (
          <li key={a.id} data-action-id={a.id}>
            <span className="tag">{a.areaName}</span>
            <h3>{a.title}</h3>
            <p>{a.description}</p>
            <p className="muted why">{a.reason}</p>
            <div className="row">
              <button
                type="button"
                aria-label={`Mark “${a.title}” done`}
                onClick={() => mark(a.id, 'done')}
                disabled={busy === a.id}
              >
                Done
              </button>
              <button
                type="button"
                className="quiet"
                aria-label={`Dismiss “${a.title}”`}
                onClick={() => mark(a.id, 'dismissed')}
                disabled={busy === a.id}
              >
                Not for me
              </button>
            </div>
          </li>
        ))}
      </ol>
      <ErrorNotice error={error} />
      {next && (next.done > 0 || next.dismissed > 0) && (
        <p className="muted">
          {next.done} done · {next.dismissed} dismissed so far
        </p>
      )}
    </section>
  );
}
