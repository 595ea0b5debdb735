import { type FormEvent, useState } from 'react';
import type { PersonOutput } from '../../../../src/contracts/index.ts';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import type { RoundOutput } from '../../../../src/contracts/rounds.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, FormError, invalidProps, SubmitButton, useSubmission } from '../../components/form-kit.tsx';
import { LoadBoundary } from '../../components/load-boundary.tsx';
import { Loading } from '../../components/loading.tsx';
import { lazyNamed } from '../../lib/lazy.ts';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';

type Relation = 'mentor' | 'manager' | 'peer';

const RoundRadar = lazyNamed(() => import('./round-radar.tsx'), 'RoundRadar');

/** 360 feedback: ask your manager, mentors and peers to rate you; see blind spots; answer others' requests. */
export function RoundsPage({ session }: { session: Session }) {
  const { person, framework } = session;
  const everyone = useApi('people', (signal) => api.people({ signal }));
  const roundList = useApi(`rounds:${person.id}`, (signal) => api.rounds(person.id, { signal }));
  const asked = useApi('rating-requests', (signal) => api.ratingRequests({ signal }));
  const people = everyone.data ?? [];
  const rounds = roundList.data ?? [];
  const requests = asked.data ?? [];
  const [chosen, setChosen] = useState<Record<string, Relation | ''>>({});
  const [error, setError] = useState<unknown>(null);
  const opening = useSubmission();
  const load = () => {
    roundList.reload();
    asked.reload();
  };

  const relationsFor = (p: PersonOutput): Relation[] => [
    ...(person.managerId === p.id ? (['manager'] as const) : []),
    ...(person.mentorIds.includes(p.id) ? (['mentor'] as const) : []),
    'peer',
  ];

  async function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const raters = Object.entries(chosen)
      .filter(([, r]) => r)
      .map(([personId, relation]) => ({ personId, relation: relation as Relation }));
    if (!(await opening.run(() => api.openRound(person.id, raters), event.currentTarget))) return;
    setChosen({});
    load();
  }
  // "raters.2.relation" names the third person asked: shown with their name.
  const asking = Object.entries(chosen).filter(([, r]) => r);
  const raterLabels = Object.fromEntries(
    asking.map(([id], i) => [`raters.${i}`, people.find((p) => p.id === id)?.name ?? id]),
  );

  return (
    <section>
      <h1>360 feedback</h1>
      <p className="lede">
        Ask your manager, mentors and peers how they see you in each area. Only you see the results; peers appear only
        as an average, and only once three of them have answered.
      </p>
      <ErrorNotice error={error} />
      <ErrorNotice error={asked.error} />
      {requests.length > 0 && (
        <div className="card">
          <h2>Asked of you</h2>
          {requests.map((r) => (
            <RatingForm key={r.roundId} request={r} session={session} onDone={load} onError={setError} />
          ))}
        </div>
      )}
      <form className="card form" onSubmit={open} aria-labelledby="ask-title">
        <h2 id="ask-title">Ask for feedback</h2>
        <ErrorNotice error={everyone.error} />
        {!everyone.data && !everyone.error && <Loading />}
        <div className="table-scroll">
          <table className="standing-table">
            <tbody>
              {people
                .filter((p) => p.id !== person.id)
                .map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>
                      <select
                        aria-label={`Ask ${p.name} as`}
                        value={chosen[p.id] ?? ''}
                        onChange={(e) => setChosen((c) => ({ ...c, [p.id]: e.target.value as Relation | '' }))}
                      >
                        <option value="">Not asked</option>
                        {relationsFor(p).map((r) => (
                          <option key={r} value={r}>
                            as {r}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        <FormError submission={opening} labels={raterLabels} />
        <SubmitButton submission={opening} disabled={!Object.values(chosen).some(Boolean)}>
          Open a round
        </SubmitButton>
      </form>
      <ErrorNotice error={roundList.error} />
      {!roundList.data && !roundList.error && <Loading />}
      {rounds.map((round) => (
        <RoundResults key={round.id} round={round} framework={framework} />
      ))}
    </section>
  );
}

function RoundResults({ round, framework }: { round: RoundOutput; framework: Session['framework'] }) {
  const name = (id: string) => framework.areas.find((a) => a.id === id)?.name ?? id;
  const answered = round.invited.filter((i) => i.answered).length;
  const data = round.areas.map((a) => ({
    area: a.name,
    Self: round.self?.[a.id] ?? 0,
    Others: round.others[a.id] ?? 0,
    Target: round.target?.[a.id] ?? 0,
  }));
  return (
    <article className="card round" aria-label={`Round of ${round.createdAt.slice(0, 10)}`}>
      <h2>Round of {round.createdAt.slice(0, 10)}</h2>
      <p className="muted">
        {answered} of {round.invited.length} answered ·{' '}
        {round.invited.map((i) => `${i.name ?? 'a peer'} (${i.relation}${i.answered ? ', answered' : ''})`).join(', ')}
      </p>
      {!round.peers.shown && round.peers.answered > 0 && (
        <p className="muted">{round.peers.answered} peer answer(s) so far; peers are shown once three have answered.</p>
      )}
      {answered > 0 && (
        <>
          <h3>Blind spots</h3>
          {round.blindSpots.length === 0 ? (
            <p>No area where your view and others’ differ by a level or more.</p>
          ) : (
            <ul className="blind-spots">
              {round.blindSpots.map((b) => (
                <li key={b.areaId}>
                  <strong>{name(b.areaId)}</strong>: you say {b.self}, others say {b.others} —{' '}
                  {b.direction === 'over'
                    ? 'you rate yourself higher than others do'
                    : 'others rate you higher than you do'}
                </li>
              ))}
            </ul>
          )}
          <LoadBoundary label="Loading the chart…" minHeight={340}>
            <RoundRadar data={data} />
          </LoadBoundary>
          {round.named.map((n) => (
            <details key={`${n.relation}-${n.raterName}`}>
              <summary>
                {n.raterName} ({n.relation})
              </summary>
              <ul>
                {round.areas.map((a) => (
                  <li key={a.id}>
                    {a.name}: {n.levels[a.id] ?? '–'} {n.comments[a.id] ? `— “${n.comments[a.id]}”` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </>
      )}
    </article>
  );
}

function RatingForm({
  request,
  session,
  onDone,
  onError,
}: {
  request: Awaited<ReturnType<typeof api.ratingRequests>>[number];
  session: Session;
  onDone: () => void;
  onError: (e: unknown) => void;
}) {
  const [levels, setLevels] = useState<Record<string, number>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const areas = session.framework.areas;
  const sending = useSubmission();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onError(null);
    const ratings = areas.map((a) => ({ areaId: a.id, level: levels[a.id] ?? 0, comment: comments[a.id] ?? '' }));
    if (await sending.run(() => api.submitRating(request.roundId, ratings), event.currentTarget)) onDone();
  }
  const commentId = (areaId: string) => `c-${request.roundId}-${areaId}`;
  return (
    <form className="form rating-form" onSubmit={submit} aria-label={`Rate ${request.personName}`}>
      <h3>
        Rate {request.personName} (as {request.relation})
      </h3>
      {areas.map((a, i) => (
        <fieldset key={a.id} className="likert">
          <legend>{a.name}</legend>
          <div className="likert-options four">
            {a.levels.map((l) => (
              <label key={l.level} title={l.description}>
                <input
                  type="radio"
                  name={`${request.roundId}-${a.id}`}
                  checked={levels[a.id] === l.level}
                  onChange={() => setLevels((x) => ({ ...x, [a.id]: l.level }))}
                />
                <span>
                  {l.level} · {l.name}
                </span>
              </label>
            ))}
          </div>
          <label className="visually-hidden" htmlFor={commentId(a.id)}>
            Comment on {a.name}
          </label>
          <input
            id={commentId(a.id)}
            placeholder="An example (optional)"
            value={comments[a.id] ?? ''}
            maxLength={MAX_LENGTH.ratingComment}
            onChange={(e) => setComments((x) => ({ ...x, [a.id]: e.target.value }))}
            {...invalidProps(sending, `ratings.${i}.comment`, commentId(a.id))}
          />
          <FieldError submission={sending} name={`ratings.${i}.comment`} id={commentId(a.id)} />
        </fieldset>
      ))}
      <FormError
        submission={sending}
        shown={areas.map((_, i) => `ratings.${i}.comment`)}
        labels={Object.fromEntries(areas.map((a, i) => [`ratings.${i}`, a.name]))}
      />
      <SubmitButton submission={sending} disabled={areas.some((a) => !levels[a.id])}>
        Send my rating
      </SubmitButton>
    </form>
  );
}
