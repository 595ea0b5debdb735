import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from 'recharts';
import type { PersonOutput } from '../../../../src/contracts/index.ts';
import { api, type Round } from '../../api.ts';
import type { Session } from '../../app.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';

type Relation = 'mentor' | 'manager' | 'peer';

/** 360 feedback: ask your manager, mentors and peers to rate you; see blind spots; answer others' requests. */
export function RoundsPage({ session }: { session: Session }) {
  const { person, framework } = session;
  const [people, setPeople] = useState<PersonOutput[]>([]);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [requests, setRequests] = useState<Awaited<ReturnType<typeof api.ratingRequests>>>([]);
  const [chosen, setChosen] = useState<Record<string, Relation | ''>>({});
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.people().then(setPeople).catch(setError);
    api.rounds(person.id).then(setRounds).catch(setError);
    api.ratingRequests().then(setRequests).catch(setError);
  }, [person.id]);
  useEffect(() => {
    load();
  }, [load]);

  const relationsFor = (p: PersonOutput): Relation[] => [
    ...(person.managerId === p.id ? (['manager'] as const) : []),
    ...(person.mentorIds.includes(p.id) ? (['mentor'] as const) : []),
    'peer',
  ];

  async function open(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const raters = Object.entries(chosen)
      .filter(([, r]) => r)
      .map(([personId, relation]) => ({ personId, relation: relation as Relation }));
    try {
      await api.openRound(person.id, raters);
      setChosen({});
      load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section>
      <h1>360 feedback</h1>
      <p className="lede">
        Ask your manager, mentors and peers how they see you in each area. Only you see the results; peers appear only
        as an average, and only once three of them have answered.
      </p>
      <ErrorNotice error={error} />
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
        <button type="submit" className="primary" disabled={!Object.values(chosen).some(Boolean)}>
          Open a round
        </button>
      </form>
      {rounds.map((round) => (
        <RoundResults key={round.id} round={round} framework={framework} />
      ))}
    </section>
  );
}

function RoundResults({ round, framework }: { round: Round; framework: Session['framework'] }) {
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
          <figure className="radar" role="img" aria-label="Radar chart of self, others and target">
            <ResponsiveContainer width="100%" height={340}>
              <RadarChart data={data} outerRadius="65%">
                <PolarGrid />
                <PolarAngleAxis dataKey="area" tick={{ fontSize: 11 }} />
                <PolarRadiusAxis domain={[0, 4]} tickCount={5} angle={72} tick={{ fontSize: 10 }} />
                <Radar
                  name="Target"
                  dataKey="Target"
                  stroke="#8a5a00"
                  fill="#f0b429"
                  fillOpacity={0.12}
                  strokeDasharray="5 4"
                  isAnimationActive={false}
                />
                <Radar
                  name="Others"
                  dataKey="Others"
                  stroke="#15803d"
                  fill="#22c55e"
                  fillOpacity={0.25}
                  isAnimationActive={false}
                />
                <Radar
                  name="Self"
                  dataKey="Self"
                  stroke="#1d4ed8"
                  fill="#3b82f6"
                  fillOpacity={0.25}
                  isAnimationActive={false}
                />
                <Legend />
              </RadarChart>
            </ResponsiveContainer>
          </figure>
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
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api.submitRating(
        request.roundId,
        areas.map((a) => ({ areaId: a.id, level: levels[a.id] ?? 0, comment: comments[a.id] ?? '' })),
      );
      onDone();
    } catch (e) {
      onError(e);
    }
  }
  return (
    <form className="form rating-form" onSubmit={submit} aria-label={`Rate ${request.personName}`}>
      <h3>
        Rate {request.personName} (as {request.relation})
      </h3>
      {areas.map((a) => (
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
          <label className="visually-hidden" htmlFor={`c-${request.roundId}-${a.id}`}>
            Comment on {a.name}
          </label>
          <input
            id={`c-${request.roundId}-${a.id}`}
            placeholder="An example (optional)"
            value={comments[a.id] ?? ''}
            onChange={(e) => setComments((x) => ({ ...x, [a.id]: e.target.value }))}
          />
        </fieldset>
      ))}
      <button type="submit" className="primary" disabled={areas.some((a) => !levels[a.id])}>
        Send my rating
      </button>
    </form>
  );
}
