import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../domain/errors.ts';

/** What a person reads when a request carries U+0000 anywhere in its parameters, query or body. */
export const NUL_MESSAGE = 'Text may not contain NUL characters (\\u0000).';

/** At most this many offending fields are named in one answer. */
const MAX_FIELDS = 20;

/**
 * The field paths (dot-separated, as in validation errors; `(root)` for the value itself) whose
 * string value or object key contains U+0000. Walks with its own stack, so a deeply nested body
 * cannot overflow the call stack.
 */
export function findNulFields(value: unknown, limit = MAX_FIELDS): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0 && found.length < limit) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) found.push(path || '(root)');
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], path ? `${path}.${i}` : String(i)]);
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const child = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) {
          // Name the key without the NUL itself, which would only reappear in the answer.
          found.push(child.replaceAll('\u0000', '\\u0000'));
          if (found.length >= limit) break;
          continue;
        }
        stack.push([(current as Record<string, unknown>)[key], child]);
      }
    }
  }
  return found;
}

/**
 * preValidation hook: refuses U+0000 in every string of the path parameters, the query string and
 * the JSON body (keys included) with 400 INVALID_CHARACTER, before any schema or query sees it.
 * PostgreSQL cannot store NUL in text (it answered 500) and SQLite would store it silently; both
 * engines now refuse it alike, in one place.
 */
export async function rejectNulCharacters(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  // A Map, not an object literal: a field named "constructor" must not find Object.prototype's.
  const found = new Map<string, string>();
  for (const part of [request.params, request.query, request.body]) {
    if (part === undefined || part === null) continue;
    for (const path of findNulFields(part)) if (!found.has(path)) found.set(path, 'contains a NUL character (\\u0000)');
  }
  if (found.size > 0) {
    const fields: FieldErrors = Object.fromEntries(found);
    throw new AppError('invalid', 'INVALID_CHARACTER', NUL_MESSAGE, fields);
  }
}
