import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, FormError, invalidProps, SubmitButton, useSubmission } from '../../components/form-kit.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';

interface Draft {
  level: number | null;
  comment: string;
}

/** Self-assessment: for each area, the level whose description fits what you do today, and a comment. */
export function SelfAssessment({ session }: { session: Session }) {
  const { framework, person } = session;
  const [, navigate] = useLocation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const submission = useSubmission();
  const track = framework.tracks.find((t) => t.id === person.track);
  const stage = track?.stages.find((s) => s.id === person.stage) ?? track?.stages[0];

  const earlier = useApi(`assessments:${person.id}`, (signal) => api.assessments(person.id, { signal }));
  const latest = earlier.data?.[0];
  const hasPrevious = latest !== undefined;
  // The last answers fill the form once they arrive.
  useEffect(() => {
    if (latest)
      setDrafts(Object.fromEntries(latest.ratings.map((r) => [r.areaId, { level: r.level, comment: r.comment }])));
  }, [latest]);

  const rated = framework.areas.filter((a) => drafts[a.id]?.level).length;
  const update = (areaId: string, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [areaId]: { level: null, comment: '', ...d[areaId], ...patch } }));

  async function submit(form: HTMLFormElement) {
    const ratings = framework.areas.map((a) => ({
      areaId: a.id,
      level: drafts[a.id]?.level ?? 0,
      comment: drafts[a.id]?.comment ?? '',
    }));
    if (await submission.run(() => api.submitAssessment(person.id, { ratings }), form)) navigate('/');
  }

  return (
    <section className="narrow">
      {!hasPrevious && <p className="step">Step 3 of 3 · Where you stand</p>}
      <h1>Assess yourself</h1>
      <p className="lede">
        For each area, pick the level that describes what a colleague would see you do today, not what you intend to do.{' '}
        {hasPrevious ? 'Your last answers are filled in; change what has moved.' : ''} Each assessment is kept with its
        date, so you can watch the change over time.
      </p>
      <ErrorNotice error={earlier.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(e.currentTarget);
        }}
      >
        {framework.areas.map((area, index) => {
          const draft = drafts[area.id];
          const target = stage?.targets[area.id];
          return (
            <fieldset key={area.id} className="card area-card" aria-describedby={`desc-${area.id}`}>
              <legend>
                <span className="muted">
                  {index + 1}/{framework.areas.length}
                </span>{' '}
                {area.name}
              </legend>
              <p id={`desc-${area.id}`} className="muted">
                {area.description}
                {target !== undefined && stage && (
                  <>
                    {' '}
                    <strong>
                      Target for {stage.name}: level {target}.
                    </strong>
                  </>
                )}
              </p>
              <div className="levels">
                {area.levels.map((l) => (
                  <label key={l.level} className="level-option">
                    <input
                      type="radio"
                      name={`level-${area.id}`}
                      value={l.level}
                      checked={draft?.level === l.level}
                      onChange={() => update(area.id, { level: l.level })}
                    />
                    <span>
                      <strong>
                        {l.level} · {l.name}
                      </strong>
                      <small>{l.description}</small>
                    </span>
                  </label>
                ))}
              </div>
              <div className="field">
                <label htmlFor={`comment-${area.id}`}>Comment on {area.name} (optional)</label>
                <textarea
                  id={`comment-${area.id}`}
                  rows={2}
                  value={draft?.comment ?? ''}
                  placeholder="An example of what you did, or what holds you back"
                  maxLength={MAX_LENGTH.ratingComment}
                  onChange={(e) => update(area.id, { comment: e.target.value })}
                  {...invalidProps(submission, `ratings.${index}.comment`, `comment-${area.id}`)}
                />
                <FieldError submission={submission} name={`ratings.${index}.comment`} id={`comment-${area.id}`} />
              </div>
            </fieldset>
          );
        })}
        <div className="sticky-actions">
          <span className="muted">
            {rated} of {framework.areas.length} areas rated
          </span>
          <FormError
            submission={submission}
            shown={framework.areas.map((_, i) => `ratings.${i}.comment`)}
            labels={Object.fromEntries(framework.areas.map((a, i) => [`ratings.${i}`, a.name]))}
          />
          <SubmitButton submission={submission} disabled={rated < framework.areas.length}>
            Save assessment
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
