import { Link } from 'wouter';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadBoundary } from '../../components/load-boundary.tsx';
import { Loading } from '../../components/loading.tsx';
import { lazyNamed } from '../../lib/lazy.ts';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';
import { GitEvidence } from './git-evidence.tsx';
import { StartToday } from './start-today.tsx';

// The chart library is the largest part of the app: fetched only when a radar is drawn.
const StandingRadar = lazyNamed(() => import('./standing-radar.tsx'), 'StandingRadar');

/** Where I stand: radar of now vs target (and the previous assessment), the table, and "Start today". */
export function Overview({ session }: { session: Session }) {
  const { person } = session;
  const { data: standing, error } = useApi(`standing:${person.id}`, (signal) => api.standing(person.id, { signal }));
  const next = useApi(`next-actions:${person.id}`, (signal) => api.nextActions(person.id, 3, { signal }));

  if (!standing)
    return (
      <section>
        <h1>Where you stand</h1>
        {error ? <ErrorNotice error={error} /> : <Loading />}
      </section>
    );
  const target = standing.track ? `${standing.track.name} · ${standing.stage?.name ?? ''}` : 'no path chosen';
  const show = (n: number | null) => (n === null ? '–' : n);

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Where you stand</h1>
          <p className="lede">
            Aiming for <strong>{target}</strong>
            {standing.assessedAt && (
              <>
                {' '}
                · assessed <time dateTime={standing.assessedAt}>{standing.assessedAt.slice(0, 10)}</time>
              </>
            )}
          </p>
        </div>
        <Link href="/assess" className="button">
          {standing.assessedAt ? 'Assess again' : 'Assess yourself'}
        </Link>
      </div>
      {!standing.assessedAt ? (
        <div className="card">
          <p>
            You have not assessed yourself yet. It takes about ten minutes: <Link href="/assess">assess yourself</Link>.
          </p>
        </div>
      ) : (
        <div className="overview-grid">
          <div className="card">
            <h2>Now against target</h2>
            <LoadBoundary label="Loading the chart…" minHeight={420}>
              <StandingRadar standing={standing} />
            </LoadBoundary>
          </div>
          <StartToday personId={person.id} next={next.data ?? null} loadError={next.error} onChange={next.reload} />
          <div className="card wide">
            <h2>By area</h2>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
            <section className="table-scroll" tabIndex={0} aria-label="Where you stand per area">
              {/* On a phone each row becomes a card of labelled parts (styles.css, .stacked-table). */}
              <table className="standing-table stacked-table">
                <thead>
                  <tr>
                    <th scope="col">Area</th>
                    <th scope="col">Now</th>
                    {standing.previousAssessedAt && <th scope="col">Before</th>}
                    <th scope="col">Target</th>
                    <th scope="col">Gap</th>
                    <th scope="col">Your comment</th>
                  </tr>
                </thead>
                <tbody>
                  {standing.areas.map((a) => (
                    <tr key={a.areaId}>
                      <th scope="row">{a.name}</th>
                      <td className="figure" data-label="Now">
                        {show(a.current)}
                      </td>
                      {standing.previousAssessedAt && (
                        <td className="figure" data-label="Before">
                          {show(a.previous)}
                        </td>
                      )}
                      <td className="figure" data-label="Target">
                        {show(a.target)}
                      </td>
                      <td className="figure" data-label="Gap">
                        <span className={`gap gap-${Math.min(a.gap ?? 0, 3)}`}>{show(a.gap)}</span>
                      </td>
                      <td className="comment" data-label="Your comment">
                        {a.comment}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <GitEvidence personId={person.id} />
        </div>
      )}
    </section>
  );
}
