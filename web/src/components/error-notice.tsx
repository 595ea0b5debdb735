import { ApiError, isAbortError } from '../api.ts';

/**
 * Shows an error as a person would want to read it. With `fieldsShownInline`, per-field problems
 * are already next to their inputs, so only a pointer to them is shown here.
 */
export function ErrorNotice({ error, fieldsShownInline = false }: { error: unknown; fieldsShownInline?: boolean }) {
  // An aborted request is a newer one taking its place, never a failure to show.
  if (!error || isAbortError(error)) return null;
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  const message =
    fieldsShownInline && fields.length > 0
      ? 'Please correct the fields marked above.'
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div role="alert" className="notice notice-error">
      <p>{message}</p>
      {!fieldsShownInline && fields.length > 0 && (
        <ul>
          {fields.map(([field, problem]) => (
            <li key={field}>
              <code>{field}</code>: {problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
