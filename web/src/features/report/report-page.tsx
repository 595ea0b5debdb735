import { useState } from 'react';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Loading } from '../../components/loading.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';

const VERDICT = {
  ready: 'Ready',
  nearly: 'Nearly ready',
  'not-yet': 'Not yet',
  unknown: 'Not enough information',
} as const;

/** The readiness report: the verdict with its working, per-area detail, and downloads. */
export function ReportPage({ session }: { session: Session }) {
  const { person, framework } = session;
  const [track, setTrack] = useState(person.track ?? framework.tracks[0]?.id ?? '');
  const [stage, setStage] = useState(person.stage ?? '');
  const trackDef = framework.tracks.find((t) => t.id === track);
  // Switching track aborts the report still on its way for the previous one.
  const {
    data: report,
    error,
    isCurrent,
  } = useApi(`readiness:${person.id}:${track}:${stage}`, (signal) =>
    api.readiness(person.id, track || undefined, stage || undefined, { signal }),
  );

  const download = (format: string) => {
    const params = new URLSearchParams({ format });
    if (track) params.set('track', track);
    if (stage) params.set('stage', stage);
    return `/api/people/${person.id}/readiness/export?${params}`;
  };
  const show = (n: number | null) => (n === null ? '–' : n);

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Readiness report</h1>
          <p className="lede">
            Where you stand against a target, with the evidence behind every line. Take it to your next promotion
            conversation.
          </p>
        </div>
        <div className="row">
          <a className="button" href={download('pdf')} download>
            Download PDF
          </a>
          <a className="button secondary" href={download('md')} download>
            Markdown
          </a>
          <a className="button secondary" href={download('html')} download>
            HTML
          </a>
        </div>
      </div>
      <div className="toolbar">
        <label>
          Track{' '}
          <select
            value={track}
            onChange={(e) => {
              setTrack(e.target.value);
              setStage('');
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
          <select value={stage || trackDef?.stages[0]?.id} onChange={(e) => setStage(e.target.value)}>
            {trackDef?.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={error} />
      {!report && !error && <Loading />}
      {report && (isCurrent || !error) && (
        <div aria-busy={!isCurrent}>
          <div className={`card verdict verdict-${report.overall.verdict}`}>
            <h2>Overall: {VERDICT[report.overall.verdict]}</h2>
            <ul>
              {report.overall.working.map((w) => (
                <li key={w}>{w}</li>
              ))}
              <li>
                {report.overall.evidenceLast90Days} evidence{' '}
                {report.overall.evidenceLast90Days === 1 ? 'entry' : 'entries'} since {report.since90Days}.
              </li>
            </ul>
          </div>
          <div className="card">
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
            <section className="table-scroll" tabIndex={0} aria-label="Readiness per area">
              {/* On a phone each row becomes a card of labelled parts (styles.css, .stacked-table). */}
              <table className="standing-table stacked-table">
                <thead>
                  <tr>
                    <th scope="col">Area</th>
                    <th scope="col">Level</th>
                    <th scope="col">Target</th>
                    <th scope="col">Gap</th>
                    <th scope="col">Evidence (90 days / all)</th>
                    <th scope="col">Strongest evidence</th>
                    <th scope="col">Open goals</th>
                    <th scope="col">Next</th>
                  </tr>
                </thead>
                <tbody>
                  {report.areas.map((a) => (
                    <tr key={a.areaId}>
                      <th scope="row">{a.name}</th>
                      <td className="figure" data-label="Level">
                        {show(a.current)}
                      </td>
                      <td className="figure" data-label="Target">
                        {show(a.target)}
                      </td>
                      <td className="figure" data-label="Gap">
                        <span className={`gap gap-${Math.min(a.gap ?? 0, 3)}`}>{show(a.gap)}</span>
                      </td>
                      <td data-label="Evidence (90 days / all)">
                        {a.evidence.last90Days} / {a.evidence.allTime}
                      </td>
                      <td data-label="Strongest evidence">
                        <ul className="compact">
                          {a.evidence.strongest.map((e) => (
                            <li key={e.id}>
                              {e.occurredOn} · {e.title}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td data-label="Open goals">
                        <ul className="compact">
                          {a.openGoals.map((g) => (
                            <li key={g.id}>
                              {g.title} ({g.percent}%){g.isOverdue && <em className="badge badge-danger">overdue</em>}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td data-label="Next">
                        <ul className="compact">
                          {a.nextActions.map((n) => (
                            <li key={n.id}>{n.title}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </div>
      )}
    </section>
  );
}
