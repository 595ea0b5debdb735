import { useState } from 'react';
import { useLocation } from 'wouter';
import type { RecommendationOutput } from '../../../../src/contracts/index.ts';
import { MAX_LENGTH } from '../../../../src/contracts/limits.ts';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { FieldError, FormError, invalidProps, SubmitButton, useSubmission } from '../../components/form-kit.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Session } from '../../session.ts';

const SCALE = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
];

const STRENGTH_TEXT = {
  clear: 'Your answers point clearly to',
  leaning: 'Your answers lean towards',
  balanced: 'Your answers are balanced; by a small margin they point to',
} as const;

/** "Choose the path": a reflection that recommends a track, then the person's own choice and why. */
export function PathChoice({ session }: { session: Session }) {
  const { framework, person } = session;
  const questions = framework.reflection.questions;
  const [, navigate] = useLocation();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [recommendation, setRecommendation] = useState<RecommendationOutput | null>(null);
  const [track, setTrack] = useState<string>('');
  const [stage, setStage] = useState<string>('');
  const [why, setWhy] = useState('');
  const reflections = useApi(`reflections:${person.id}`, (signal) => api.reflections(person.id, { signal }));
  const history = reflections.data ?? [];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const answered = questions.filter((q) => answers[q.id] !== undefined).length;
  const chosenTrack = framework.tracks.find((t) => t.id === track);
  const trackName = (id: string) => framework.tracks.find((t) => t.id === id)?.name ?? id;

  async function recommend() {
    setError(null);
    setBusy(true);
    try {
      const rec = await api.recommend(answers);
      setRecommendation(rec);
      setTrack(rec.recommendedTrack);
      setStage(framework.tracks.find((t) => t.id === rec.recommendedTrack)?.stages[0]?.id ?? '');
      requestAnimationFrame(() => document.getElementById('recommendation')?.focus());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const saving = useSubmission();
  async function save(form: HTMLFormElement) {
    setError(null);
    const assessments = await saving.run(async () => {
      await api.recordReflection(person.id, { answers, chosenTrack: track, chosenStage: stage, why });
      await session.refreshPerson();
      return api.assessments(person.id);
    }, form);
    if (assessments) navigate(assessments.length > 0 ? '/' : '/assess');
  }

  return (
    <section className="narrow">
      {!person.track && <p className="step">Step 2 of 3 · Choose your path</p>}
      <h1>Choose your path</h1>
      <p className="lede">
        Not everyone should become a manager. Say how much each statement sounds like you; Leadway suggests the manager
        track or the senior individual-contributor track and shows which answers led there. The choice stays yours.
      </p>
      {person.track && (
        <p className="notice">
          Your current path: <strong>{trackName(person.track)}</strong>. Taking the reflection again keeps the earlier
          one in your history.
        </p>
      )}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          recommend();
        }}
      >
        {questions.map((q, i) => (
          <fieldset key={q.id} className="likert">
            <legend>
              <span className="muted">{i + 1}.</span> {q.prompt}
            </legend>
            <div className="likert-options">
              {SCALE.map((s) => (
                <label key={s.value}>
                  <input
                    type="radio"
                    name={q.id}
                    value={s.value}
                    checked={answers[q.id] === s.value}
                    onChange={() => setAnswers((a) => ({ ...a, [q.id]: s.value }))}
                  />
                  <span>{s.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <p className="muted">
          {answered} of {questions.length} answered
        </p>
        <button type="submit" className="primary" disabled={answered < questions.length || busy}>
          See my recommendation
        </button>
      </form>

      {recommendation && (
        <div className="card" id="recommendation" tabIndex={-1} aria-live="polite">
          <h2>
            {STRENGTH_TEXT[recommendation.strength]} the {trackName(recommendation.recommendedTrack)}
          </h2>
          {recommendation.reasons.length > 0 && (
            <>
              <h3>What pointed there</h3>
              <ul className="reasons">
                {recommendation.reasons.map((r) => (
                  <li key={r.questionId}>{r.explanation}</li>
                ))}
              </ul>
            </>
          )}
          {recommendation.counterpoints.length > 0 && (
            <>
              <h3>What pointed the other way</h3>
              <ul className="reasons counter">
                {recommendation.counterpoints.map((r) => (
                  <li key={r.questionId}>{r.explanation}</li>
                ))}
              </ul>
            </>
          )}
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              save(e.currentTarget);
            }}
          >
            <fieldset>
              <legend>Your track</legend>
              <div className="choice-cards">
                {framework.tracks.map((t) => (
                  <label key={t.id} className="choice-card">
                    <input
                      type="radio"
                      name="track"
                      value={t.id}
                      checked={track === t.id}
                      onChange={() => {
                        setTrack(t.id);
                        setStage(t.stages[0]?.id ?? '');
                      }}
                    />
                    <span>
                      <strong>{t.name}</strong>
                      {t.id === recommendation.recommendedTrack && <em className="badge">recommended</em>}
                      <small>{t.description}</small>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            {chosenTrack && (
              <div className="field">
                <label htmlFor="stage">Stage you are aiming for</label>
                <select id="stage" value={stage} onChange={(e) => setStage(e.target.value)}>
                  {chosenTrack.stages.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
                <small className="hint">{chosenTrack.stages.find((s) => s.id === stage)?.description}</small>
              </div>
            )}
            <div className="field">
              <label htmlFor="why">Why this path, in your own words</label>
              <textarea
                id="why"
                rows={3}
                value={why}
                onChange={(e) => setWhy(e.target.value)}
                required
                maxLength={MAX_LENGTH.reflectionWhy}
                {...invalidProps(saving, 'why', 'why')}
              />
              <FieldError submission={saving} name="why" id="why" />
            </div>
            <ErrorNotice error={error} />
            <FormError
              submission={saving}
              shown={['why']}
              labels={{ answers: 'Your answers', chosenTrack: 'Your track', chosenStage: 'Stage' }}
            />
            <SubmitButton submission={saving} disabled={busy || !why.trim()}>
              Save my path
            </SubmitButton>
          </form>
        </div>
      )}
      {!recommendation && <ErrorNotice error={error} />}

      <ErrorNotice error={reflections.error} />
      {history.length > 0 && (
        <div className="card">
          <h2>Earlier reflections</h2>
          <ul className="history">
            {history.map((h) => (
              <li key={h.id}>
                <time dateTime={h.createdAt}>{h.createdAt.slice(0, 10)}</time> — recommended{' '}
                {trackName(h.recommendedTrack)}, chose <strong>{trackName(h.chosenTrack)}</strong>: “{h.why}”
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
