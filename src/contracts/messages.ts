import { z } from 'zod';

/**
 * What a person reads when a value is refused, in plain words: "At most 4,000 characters.",
 * "Required.", "One of: private, mentor, manager, team." instead of zod's "Too big: expected
 * string to have <=4000 characters". Installed once as zod's global message (below), so the
 * API's field errors (server/errors.ts), the services' `parseInput` and the CLI all word a refused
 * value alike; a schema's own message ("tag at least one area") still wins.
 */

const numbers = new Intl.NumberFormat('en-US');

/** 4000 → "4,000". */
export function formatNumber(value: number | bigint): string {
  return numbers.format(value);
}

const plural = (n: number | bigint, one: string, many: string) =>
  `${formatNumber(n)} ${n === 1 || n === 1n ? one : many}`;

/** How a value of a kind is counted ("characters", "items"). */
function sizeOf(origin: string, n: number | bigint): string {
  switch (origin) {
    case 'string':
      return plural(n, 'character', 'characters');
    case 'array':
    case 'set':
      return plural(n, 'item', 'items');
    case 'file':
      return plural(n, 'byte', 'bytes');
    case 'date':
      return new Date(Number(n)).toISOString().slice(0, 10);
    default:
      return formatNumber(n);
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'An email address such as ada@example.com.',
  url: 'A link such as https://example.com.',
  date: 'A date written YYYY-MM-DD, e.g. 2026-11-20.',
  datetime: 'A date and time such as 2026-11-20T09:30:00Z.',
  uuid: 'An id such as 3f1c…, as Leadway gave it.',
};

/** A zod issue in plain words; undefined leaves zod's own message (never reached for the codes below). */
export function issueInWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'too_big': {
      const { origin, maximum } = issue;
      if (origin === 'string' || origin === 'array' || origin === 'set' || origin === 'file')
        return issue.exact ? `Exactly ${sizeOf(origin, maximum)}.` : `At most ${sizeOf(origin, maximum)}.`;
      if (origin === 'date') return `On ${sizeOf(origin, maximum)} or before.`;
      return issue.inclusive === false ? `Less than ${formatNumber(maximum)}.` : `At most ${formatNumber(maximum)}.`;
    }
    case 'too_small': {
      const { origin, minimum } = issue;
      if (origin === 'string' && Number(minimum) === 1 && !issue.exact) return 'Required.';
      if ((origin === 'array' || origin === 'set') && Number(minimum) === 1 && !issue.exact) return 'Add at least one.';
      if (origin === 'string' || origin === 'array' || origin === 'set' || origin === 'file')
        return issue.exact ? `Exactly ${sizeOf(origin, minimum)}.` : `At least ${sizeOf(origin, minimum)}.`;
      if (origin === 'date') return `On ${sizeOf(origin, minimum)} or after.`;
      return issue.inclusive === false ? `More than ${formatNumber(minimum)}.` : `At least ${formatNumber(minimum)}.`;
    }
    case 'invalid_type':
      if (issue.input === undefined) return 'Required.';
      return `Expected ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
    case 'invalid_format':
      return FORMAT_WORDS[issue.format] ?? 'Not in the expected format.';
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${String(issue.values[0])}.`
        : `One of: ${issue.values.map(String).join(', ')}.`;
    case 'not_multiple_of':
      return `A multiple of ${formatNumber(issue.divisor as number)}.`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `Unknown field: ${issue.keys[0]}.` : `Unknown fields: ${issue.keys.join(', ')}.`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return 'Not valid here.';
    default:
      return undefined;
  }
}

z.config({ customError: issueInWords });
