import { useState } from 'react';
import type { Session } from '../../session.ts';

/**
 * The framework, focused: the person's own track and stage first, with their target per area;
 * every level and suggested action one click away.
 */
export function FrameworkBrowser({ session }: { session: Session }) {
  const { framework, person } = session;
  const [trackId, setTrackId] = useState(person.track ?? framework.tracks[0]?.id ?? '');
  const track = framework.tracks.find((t) => t.id === trackId);
  const [stageId, setStageId] = useState(person.stage ?? track?.stages[0]?.id ?? '');
  const stage = track?.stages.find((s) => s.id === stageId) ?? track?.stages[0];

  return (
    <section>
      <h1>The framework</h1>
      <p className="lede">
        {framework.name} · version {framework.version}. Ten areas, four levels each, described by what people actually
        do. Targets depend on your track and stage.
      </p>
      <div className="toolbar">
        <label>
          Track{' '}
          <select
            value={trackId}
            onChange={(e) => {
              setTrackId(e.target.value);
              setStageId(framework.tracks.find((t) => t.id === e.target.value)?.stages[0]?.id ?? '');
            }}
          >
            {framework.tracks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stage{' '}
          <select value={stage?.id ?? ''} onChange={(e) => setStageId(e.target.value)}>
            {track?.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid">
        {framework.areas.map((area) => {
          const target = stage?.targets[area.id];
          return (
            <article key={area.id} className="card">
              <h2>{area.name}</h2>
              <p className="muted">{area.description}</p>
              <ol className="level-list">
                {area.levels.map((l) => (
                  <li key={l.level} className={l.level === target ? 'is-target' : undefined}>
                    <strong>
                      {l.level} · {l.name}
                    </strong>
                    {l.level === target && <em className="badge">target</em>}
                    <div>{l.description}</div>
                  </li>
                ))}
              </ol>
              <details>
                <summary>{area.actions.length} suggested actions</summary>
                <ul>
                  {area.actions.map((a) => (
                    <li key={a.id}>
                      <strong>{a.title}</strong> <span className="muted">(towards level {a.level})</span>
                      <div>{a.description}</div>
                    </li>
                  ))}
                </ul>
              </details>
            </article>
          );
        })}
      </div>
    </section>
  );
}
