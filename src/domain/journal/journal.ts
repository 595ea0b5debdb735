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

const DAY_MS = 86_400_000;

/** Midnight UTC of a calendar date written YYYY-MM-DD, or NaN when it is no real date. */
function calendarDay(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // also right for years below 100, unlike Date.UTC
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    ? d.getTime()
    : Number.NaN;
}

/** Monday of the ISO week that contains the UTC day `t`. */
const mondayOf = (t: number) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  return !Number.isNaN(calendarDay(value));
}

/**
 * How many days after today (UTC) evidence may be dated: one, so that someone whose day has already
 * begun east of UTC can log today's work. Anything later has not happened yet, and would count as
 * recent evidence for months.
 */
export const EVIDENCE_DAYS_AHEAD = 1;

/** The latest date evidence may carry at `now`: tomorrow in UTC, as YYYY-MM-DD. */
export function latestEvidenceDate(now: Date): string {
  return new Date(now.getTime() + EVIDENCE_DAYS_AHEAD * DAY_MS).toISOString().slice(0, 10);
}

/**
 * What is wrong with an evidence date at `now`, in plain words for the date field, or undefined
 * when it is fine (not later than `latestEvidenceDate`). Dates are compared as YYYY-MM-DD text.
 */
export function futureDateProblem(date: string, now: Date): string | undefined {
  const latest = latestEvidenceDate(now);
  return date > latest ? `can’t be in the future: choose ${latest} or earlier` : undefined;
}

/**
 * The ISO week a date falls in, as "2026-W05", and the Monday it starts on. Pure calendar
 * arithmetic (no time zone): the week's year is the year of its Thursday, and week 1 is the
 * week with January 4th.
 */
export function isoWeekOf(date: string): { week: string; startsOn: string } {
  const day = calendarDay(date);
  if (Number.isNaN(day)) throw new RangeError(`Not a calendar date: ${date}`);
  const monday = mondayOf(day);
  const weekYear = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const jan4 = new Date(0);
  jan4.setUTCFullYear(weekYear, 0, 4);
  const week = 1 + Math.round((monday - mondayOf(jan4.getTime())) / (7 * DAY_MS));
  const startsOn = new Date(monday).toISOString().slice(0, 10);
  return { week: `${weekYear}-W${String(week).padStart(2, '0')}`, startsOn };
}

/**
 * Splits free text into search words (letters and digits in any script), at most 12. Accents
 * typed as separate marks (decomposed text, as macOS often sends) are joined to their letters
 * first, so "e\u0301moji" stays one word.
 */
export function searchWords(query: string): string[] {
  return (
    query
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, 12);
}
