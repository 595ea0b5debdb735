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
  // A Map, then own properties: a field named "constructor" or "__proto__" is kept like any other.
  const fields = new Map<string, string>();
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(root)';
    if (!fields.has(key)) fields.set(key, issue.message);
  }
  return Object.fromEntries(fields);
}

/** Raised when the environment cannot be turned into a valid configuration. */
export class ConfigError extends Error {}

/** Raised when the database cannot be opened or migrated; the message says how to fix it. */
export class DatabaseOpenError extends Error {}

/**
 * The one way services validate input: the schema's parse, or an `invalid` AppError carrying
 * every field's problem. The code is VALIDATION_FAILED and the message "The request is not
 * valid." unless `refusal` names others (the message may be worked out from the fields).
 */
export function parseInput<T>(
  schema: {
    safeParse(
      input: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
  },
  input: unknown,
  refusal: {
    code?: string;
    message?: string | ((fields: FieldErrors) => string);
    /** Where the value sits in the request (e.g. "email"), so its fields are named from there. */
    at?: string;
  } = {},
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const { at } = refusal;
    const issues = at ? result.error.issues.map((i) => ({ ...i, path: [at, ...i.path] })) : result.error.issues;
    const fields = fieldsFromIssues(issues);
    const { code = 'VALIDATION_FAILED', message = 'The request is not valid.' } = refusal;
    throw new AppError('invalid', code, typeof message === 'function' ? message(fields) : message, fields);
  }
  return result.data;
}
