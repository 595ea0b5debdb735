import { ApiError } from '../api.ts';

/** Shows an error as a person would want to read it: what happened, and per-field problems. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div role="alert" className="notice notice-error">
      <p>{message}</p>
      {fields.length > 0 && (
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
