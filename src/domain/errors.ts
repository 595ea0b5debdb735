/** What went wrong, in terms a caller can act on; the HTTP layer maps each kind to a status once. */
export type AppErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'precondition'
  | 'unauthenticated'
  | 'too_many'
  | 'too_large';

/** Field path (dot-separated) → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/**
 * A coded, expected failure. Services throw these; nothing else should reach a client.
 * `code` is stable (clients may switch on it); `message` is for people.
 */
export class AppError extends Error {
  readonly code: string;
  readonly kind: AppErrorKind;
  readonly fields: FieldErrors | undefined;

  constructor(kind: AppErrorKind, code: string, message: string, fields?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.fields = fields;
  }
}

/** Shorthand for "this id names nothing". */
export function notFound(what: string, id: string): AppError {
  const code = `${what.toUpperCase().replace(/[^A-Z]+/g, '_')}_NOT_FOUND`;
  return new AppError('not_found', code, `No ${what} with id "${id}".`);
}

/** Turns zod-style issues into the `fields` map of an error. */
export function fieldsFromIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(root)';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Raised when the environment cannot be turned into a valid configuration. */
export class ConfigError extends Error {}

/** Raised when the database cannot be opened or migrated; the message says how to fix it. */
export class DatabaseOpenError extends Error {}

/** A schema's parse that throws VALIDATION_FAILED with every field's problem (for inputs not validated by a route). */
export function parseInput<T>(
  schema: {
    safeParse(
      input: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
  },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AppError(
      'invalid',
      'VALIDATION_FAILED',
      'The request is not valid.',
      fieldsFromIssues(result.error.issues),
    );
  return result.data;
}
