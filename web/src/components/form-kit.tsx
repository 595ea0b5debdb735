import { type InputHTMLAttributes, type ReactNode, useCallback, useRef, useState } from 'react';
import { ApiError, isAbortError } from '../api.ts';

/**
 * How every form submits: one request at a time (the submit button is disabled while it is on
 * its way, and a second click or Enter does nothing), and the server's field errors shown on
 * their fields. With the Idempotency-Key the request layer sends (api.ts), a double submit can
 * create nothing twice even where a button cannot be disabled in time.
 */
export interface Submission {
  /** True while the request is on its way. */
  pending: boolean;
  /** Why the last submission failed (null after a success or when a new one starts). */
  error: unknown;
  /**
   * Runs the submission unless one is already running (then resolves to undefined at once). The
   * error is kept for the form to show; after field errors the first marked input gets focus.
   */
  run<T>(action: () => Promise<T>, form?: HTMLFormElement | null): Promise<T | undefined>;
  /** Forgets the last error (the form was changed or closed). */
  reset(): void;
  /** The server's problem with an input named by its field path (or a path under it: "links.0"). */
  problem(name: string): string | undefined;
}

/** What FieldError, invalidProps and FormError read: a submission, or problemsOf(any error). */
export interface Problems {
  error: unknown;
  problem(name: string): string | undefined;
}

/** The field problems of an error a page keeps itself (for forms that share one error state). */
export function problemsOf(error: unknown): Problems {
  return { error, problem: (name) => problemOf(error, name) };
}

function problemOf(error: unknown, name: string): string | undefined {
  const fields = fieldsOf(error);
  const key = Object.keys(fields).find((k) => belongsTo(k, name));
  return key === undefined ? undefined : fields[key];
}

/** Field errors of an error, keyed by field path ("title", "ratings.0.comment"). */
function fieldsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}

/** True when `key` belongs to the input named `name` ("links.0" belongs to "links"). */
function belongsTo(key: string, name: string): boolean {
  return key === name || key.startsWith(`${name}.`);
}

/** See Submission. */
export function useSubmission(): Submission {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A ref, not the state: two clicks in one frame both see the state from before the first.
  const running = useRef(false);

  const run = useCallback(async <T,>(action: () => Promise<T>, form?: HTMLFormElement | null) => {
    if (running.current) return undefined;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      if (!isAbortError(e)) {
        setError(e);
        if (form && Object.keys(fieldsOf(e)).length > 0) {
          // After React has marked the inputs: take the person to the first one to fix.
          requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        }
      }
      return undefined;
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  const problem = (name: string) => problemOf(error, name);
  return { pending, error, run, reset, problem };
}

/**
 * The attributes that tie an input to its error: aria-invalid, and aria-describedby pointing at
 * the FieldError with the same `id` (plus any hint already describing the input).
 */
export function invalidProps(
  submission: Problems,
  name: string,
  id: string,
  describedBy?: string,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const ids = [describedBy, submission.problem(name) ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return {
    ...(submission.problem(name) ? { 'aria-invalid': true as const } : {}),
    ...(ids ? { 'aria-describedby': ids } : {}),
  };
}

/** The server's problem with one input, shown right under it (its id is `${id}-error`). */
export function FieldError({ submission, name, id }: { submission: Problems; name: string; id: string }) {
  const problem = submission.problem(name);
  if (!problem) return null;
  return (
    <small id={`${id}-error`} className="field-error">
      {problem}
    </small>
  );
}

/**
 * What went wrong that no input shows: the message, or the field problems that have no input of
 * their own in this form (named by `labels` where given). `shown` lists the field paths the form
 * shows on its inputs.
 */
export function FormError({
  submission,
  shown = [],
  labels = {},
}: {
  submission: Problems;
  shown?: readonly string[];
  labels?: Readonly<Record<string, string>>;
}) {
  const { error } = submission;
  if (!error || isAbortError(error)) return null;
  const fields = Object.entries(fieldsOf(error));
  const elsewhere = fields.filter(([key]) => !shown.some((name) => belongsTo(key, name)));
  const marked = fields.length - elsewhere.length;
  let message: ReactNode;
  // A refusal other than "these values are not valid" (a conflict: "… has already been invited")
  // says more in its message than on its field, so the message stays.
  const says = error instanceof ApiError && error.code !== 'VALIDATION_FAILED';
  if (fields.length === 0 || says) message = error instanceof Error ? error.message : String(error);
  else if (elsewhere.length === 0)
    message = marked === 1 ? 'Please fix the marked field.' : 'Please fix the marked fields.';
  else message = marked > 0 ? 'Please fix the marked fields, and:' : 'Please fix:';
  return (
    <div role="alert" className="notice notice-error">
      <p>{message}</p>
      {elsewhere.length > 0 && (
        <ul>
          {elsewhere.map(([key, problem]) => (
            <li key={key}>
              {labelOf(key, labels)}: {problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "actions.0.title" → labels["actions.0.title"] ?? labels["actions"] ?? the path itself. */
function labelOf(key: string, labels: Readonly<Record<string, string>>): string {
  const parts = key.split('.');
  for (let i = parts.length; i > 0; i--) {
    const label = labels[parts.slice(0, i).join('.')];
    if (label) return label;
  }
  return key === '(root)' ? 'The form' : key;
}

/** The submit button of a form: disabled while its submission is on its way. */
export function SubmitButton({
  submission,
  children,
  className = 'primary',
  disabled = false,
}: {
  submission: Submission;
  children: ReactNode;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="submit"
      className={className}
      disabled={disabled || submission.pending}
      aria-busy={submission.pending}
    >
      {children}
    </button>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** The input's id; `field-NAME` unless two inputs of one page share a name. */
  id?: string;
}

/** A labelled input with its hint and its server error wired up for screen readers. */
export function Field({ name, label, hint, error, id = `field-${name}`, ...rest }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
