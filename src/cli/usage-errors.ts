import type { Command, Option } from 'commander';
import type { FieldErrors } from '../domain/errors.ts';
import { GOAL_STATUSES } from '../domain/goals/progress.ts';
import { ENTRY_KINDS, VISIBILITIES } from '../domain/journal/journal.ts';

// How the CLI words a refused input: services name the fields of their input (occurredOn,
// links.0); a person typed options (--date, --link). This maps one onto the other for every
// command in one place, and says in words what is wrong with the value given. Loaded only when a
// command fails.

/** Service field → the options (or arguments) that may fill it, where the names differ; the first one the command has wins. */
const FIELD_SOURCES: Record<string, string[]> = {
  occurredOn: ['date'],
  dueOn: ['due'],
  links: ['link'],
  areas: ['area'],
  areaId: ['area'],
  successCriteria: ['criteria'],
  goalId: ['goal'],
  goalActionId: ['action'],
  frameworkActionId: ['suggested'],
  title: ['title', 'add'],
  q: ['search'],
  roleTitle: ['role'],
  chosenTrack: ['track'],
  chosenStage: ['stage'],
  answers: ['answer'],
  ratings: ['level'],
  carryForward: ['keep'],
};

/** The values an option of this field accepts, for fields that take one of a fixed list. */
const ACCEPTED: Record<string, readonly string[]> = {
  kind: ENTRY_KINDS,
  visibility: VISIBILITIES,
  status: GOAL_STATUSES,
};

/** Fields that hold a date, whatever their option is called. */
const DATE_FIELDS = new Set(['occurredOn', 'dueOn', 'from', 'to', 'date']);

/** Where a field's value came from on the command line, and what the person typed there. */
interface Source {
  /** How the person knows it: "--date", "<title>". */
  label: string;
  /** What they typed (one of the values, for a repeatable option), when known. */
  value: string | undefined;
  isDate: boolean;
}

/** True when the string is a YYYY-MM-DD date that is on the calendar (no 30 February). */
function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A value as it is shown back: quoted, and cut when long (a 100 KB body is not echoed). */
function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return `"${oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine}"`;
}

/** The option or argument of `command` that gave `field` (e.g. "links.0" → --link, its first value). */
function sourceOf(command: Command, field: string): Source | undefined {
  const [head = '', sub] = field.split('.');
  const isDate = DATE_FIELDS.has(head);
  for (const name of [...(FIELD_SOURCES[head] ?? []), head]) {
    const option = command.options.find((o: Option) => o.long === `--${name}`);
    if (option) {
      const given: unknown = command.getOptionValue(option.attributeName());
      let value: unknown = given;
      let label = option.long ?? `--${name}`;
      if (Array.isArray(given) && sub !== undefined && /^\d+$/.test(sub)) {
        value = given[Number(sub)]; // a repeatable option: the index names the value
      } else if (sub !== undefined && /<[^>]*=[^>]*>/.test(option.flags)) {
        // KEY=VALUE pairs (--answer q-people=4, --level ownership=2): the key names the value.
        label = `${label} ${sub}`;
        const pair = (Array.isArray(given) ? given : []).find((v) => typeof v === 'string' && v.startsWith(`${sub}=`));
        value = typeof pair === 'string' ? pair.slice(sub.length + 1) : undefined;
      } else if (Array.isArray(given)) {
        value = undefined;
      }
      return {
        label,
        value: typeof value === 'string' ? value : undefined,
        isDate: isDate || /YYYY-MM-DD/.test(option.flags),
      };
    }
    const index = command.registeredArguments.findIndex((a) => a.name() === name);
    if (index >= 0) {
      const value: unknown = command.processedArgs[index];
      return { label: `<${name}>`, value: typeof value === 'string' ? value : undefined, isDate };
    }
  }
  return undefined;
}

/** zod's own wording for a few common refusals, in plain words. */
function plainWords(problem: string): string {
  const tooLong =
    problem.match(/^Too big: expected string to have <=\s*(\d+) characters?/) ??
    problem.match(/^At most ([\d,]+) characters?\.$/);
  if (tooLong) return `is too long: at most ${Number(tooLong[1]?.replaceAll(',', '')).toLocaleString('en')} characters`;
  const tooFew = problem.match(/^Too small: expected string to have >=\s*1 characters?/);
  if (tooFew) return 'must not be empty';
  if (/^Invalid input: expected number/.test(problem)) return 'must be a number';
  if (problem === 'required' || problem === 'Required.') return 'must not be empty';
  return problem;
}

/** What is wrong with one value, in words: the value first, then the problem or the accepted values. */
function describe(field: string, source: Source | undefined, problem: string): string {
  const head = field.split('.')[0] ?? '';
  const value = source?.value;
  if (value !== undefined && source?.isDate && !isRealDate(value)) {
    return /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? `${value} is not a date that exists (use YYYY-MM-DD)`
      : `${quote(value)} is not a date (use YYYY-MM-DD, e.g. 2026-11-20)`;
  }
  const accepted = ACCEPTED[head];
  if (value !== undefined && accepted && !accepted.includes(value)) {
    return `${quote(value)} is not one of: ${accepted.join(', ')}`;
  }
  const words = plainWords(problem);
  // "must be an http(s) link" reads well after the value; a message that names it already does not.
  if (
    value !== undefined &&
    value !== '' &&
    !words.includes(`"${value}"`) &&
    /^(must|is|should|can|cannot|has|needs)\b/.test(words)
  ) {
    return `${quote(value)} ${words}`;
  }
  return words;
}

/**
 * One line per refused field, naming the option (or argument) of `command` that gave it and
 * saying in words what is wrong: `--date: 2026-02-30 is not a date that exists (use YYYY-MM-DD)`.
 * `mapped` tells whether any field came from the command line (then it was a usage mistake).
 */
export function describeFieldErrors(
  command: Command | undefined,
  fields: FieldErrors,
): { lines: string[]; mapped: boolean } {
  let mapped = false;
  const lines = Object.entries(fields).map(([field, problem]) => {
    const source = command ? sourceOf(command, field) : undefined;
    if (source) mapped = true;
    return `${source?.label ?? field}: ${describe(field, source, problem)}`;
  });
  return { lines, mapped };
}
