import { describe, expect, it } from 'vitest';
import { type UpgradableTables, upgradeBackupTables } from './upgrade.ts';

function tables(overrides: Partial<UpgradableTables>): UpgradableTables {
  return {
    people: [],
    person_emails: [],
    invitations: [],
    assessments: [],
    assessment_ratings: [],
    round_raters: [],
    ...overrides,
  };
}

describe('upgrading an older backup before a restore', () => {
  it('keeps the first of two answers a rater gave to one round, with its ratings, and points the invitation at it', () => {
    const t = tables({
      assessments: [
        { id: 'a2', round_id: 'r1', rater_id: 'p2', created_at: '2026-01-02T10:00:00.000Z' },
        { id: 'a1', round_id: 'r1', rater_id: 'p2', created_at: '2026-01-02T09:00:00.000Z' },
        { id: 'a3', round_id: 'r1', rater_id: 'p3', created_at: '2026-01-02T09:00:00.000Z' },
        { id: 's1', round_id: null, rater_id: 'p2', created_at: '2026-01-01T09:00:00.000Z' },
        { id: 's2', round_id: null, rater_id: 'p2', created_at: '2026-01-01T09:00:00.000Z' },
      ],
      assessment_ratings: [
        { assessment_id: 'a1', area_id: 'x' },
        { assessment_id: 'a2', area_id: 'x' },
        { assessment_id: 'a3', area_id: 'x' },
      ],
      round_raters: [
        { round_id: 'r1', rater_id: 'p2', assessment_id: 'a2' },
        { round_id: 'r1', rater_id: 'p3', assessment_id: 'a3' },
      ],
    });
    upgradeBackupTables(t);
    expect(t.assessments.map((a) => a.id)).toEqual(['a1', 'a3', 's1', 's2']);
    expect(t.assessment_ratings.map((r) => r.assessment_id)).toEqual(['a1', 'a3']);
    expect(t.round_raters).toEqual([
      { round_id: 'r1', rater_id: 'p2', assessment_id: 'a1' },
      { round_id: 'r1', rater_id: 'p3', assessment_id: 'a3' },
    ]);
  });

  it('leaves one pending invitation per address, the newest, and none for an address with an account', () => {
    const t = tables({
      people: [{ id: 'p1', email: 'ann@example.com' }],
      person_emails: [{ person_id: 'p1', email: 'ann@old.example.com' }],
      invitations: [
        { id: 'i1', email: 'bo@example.com', created_at: '2026-01-01T09:00:00.000Z', used_at: null },
        { id: 'i2', email: 'bo@example.com', created_at: '2026-01-03T09:00:00.000Z', used_at: null },
        {
          id: 'i3',
          email: 'ann@example.com',
          created_at: '2026-01-01T09:00:00.000Z',
          used_at: '2026-01-01T10:00:00.000Z',
        },
        { id: 'i4', email: 'ann@old.example.com', created_at: '2026-01-02T09:00:00.000Z', used_at: null },
        { id: 'i5', email: 'cy@example.com', created_at: '2026-01-02T09:00:00.000Z', used_at: null, revoked_at: null },
      ],
    });
    upgradeBackupTables(t);
    const revoked = Object.fromEntries(t.invitations.map((i) => [i.id, i.revoked_at ?? null]));
    expect(revoked).toEqual({
      i1: '2026-01-01T09:00:00.000Z',
      i2: null,
      i3: null,
      i4: '2026-01-02T09:00:00.000Z',
      i5: null,
    });
  });

  it('changes nothing in a backup made after the constraints', () => {
    const t = tables({
      invitations: [{ id: 'i1', email: 'bo@example.com', created_at: '2026-01-01', used_at: null, revoked_at: null }],
      assessments: [{ id: 'a1', round_id: 'r1', rater_id: 'p2', created_at: '2026-01-02' }],
    });
    const before = structuredClone(t);
    upgradeBackupTables(t);
    expect(t).toEqual(before);
  });
});
