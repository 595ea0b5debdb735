import { format, getISOWeek, getISOWeekYear, parseISO, startOfISOWeek } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { isoWeekOf } from './journal.ts';

/** The reference: date-fns's ISO weeks. */
function isoWeekWithDateFns(date: string): { week: string; startsOn: string } {
  const d = parseISO(date);
  const week = `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
  return { week, startsOn: format(startOfISOWeek(d), 'yyyy-MM-dd') };
}

describe('isoWeekOf', () => {
  it('agrees with date-fns on every day from 1999 to 2041', () => {
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2041, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(isoWeekOf(day), day).toEqual(isoWeekWithDateFns(day));
    }
  });

  it('knows the weeks that belong to another year', () => {
    expect(isoWeekOf('2027-01-01')).toEqual({ week: '2026-W53', startsOn: '2026-12-28' });
    expect(isoWeekOf('2024-12-30')).toEqual({ week: '2025-W01', startsOn: '2024-12-30' });
  });
});
