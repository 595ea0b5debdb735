import { format, getISOWeek, getISOWeekYear, isValid, parseISO, startOfISOWeek } from 'date-fns';

/** What kind of evidence an entry is. */
export const ENTRY_KINDS = [
  'review',
  'pairing',
  'mentoring',
  'presentation',
  'proposal',
  'incident',
  'delivery',
  'relationship',
  'document',
  'status-report',
  'other',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Who may see an entry: private is the default; the rest are explicit sharing. */
export const VISIBILITIES = ['private', 'mentor', 'manager', 'team'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Where an entry came from. */
export const ENTRY_SOURCES = ['manual', 'git', 'import', 'coverage', 'status-report', 'incident', 'mentoring'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/**
 * How much an entry of each kind says about leadership, used to pick the "strongest evidence"
 * for a report: things done for or with others and in public count more than private notes.
 */
export const KIND_WEIGHT: Record<EntryKind, number> = {
  delivery: 3,
  incident: 3,
  proposal: 3,
  presentation: 3,
  mentoring: 3,
  review: 2,
  pairing: 2,
  document: 2,
  relationship: 2,
  'status-report': 1,
  other: 1,
};

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value)) && format(parseISO(value), 'yyyy-MM-dd') === value
  );
}

const DAY_MS = 86_400_000;

/**
 * The ISO week a date falls in, as "2026-W05", and the Monday it starts on. Plain UTC arithmetic
 * for YYYY-MM-DD dates (the timeline and git imports call it once per row; date-fns took ~15 µs
 * a call), date-fns for anything else.
 */
export function isoWeekOf(date: string): { week: string; startsOn: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const time = Date.parse(`${date}T00:00:00Z`);
    if (!Number.isNaN(time)) {
      const monday = time - ((new Date(time).getUTCDay() + 6) % 7) * DAY_MS;
      // The ISO year is the year of the week's Thursday; week 1 holds the year's first Thursday.
      const thursday = monday + 3 * DAY_MS;
      const year = new Date(thursday).getUTCFullYear();
      const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
      return {
        week: `${year}-W${String(week).padStart(2, '0')}`,
        startsOn: new Date(monday).toISOString().slice(0, 10),
      };
    }
  }
  return isoWeekWithDateFns(date);
}

/** The same with date-fns: the reference `isoWeekOf` agrees with (see iso-week.test.ts). */
export function isoWeekWithDateFns(date: string): { week: string; startsOn: string } {
  const d = parseISO(date);
  const week = `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
  return { week, startsOn: format(startOfISOWeek(d), 'yyyy-MM-dd') };
}

/** Splits free text into search words (letters and digits in any script), at most 12. */
export function searchWords(query: string): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}
