import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../src/db/migrations/0007-invitation-revocation.ts';
import { type InvitationRow, insertInvitation } from '../../src/db/repositories/invitations.ts';
import type { Database } from '../../src/db/schema.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildPerson } from '../helpers/records.ts';

/**
 * Migration 0007 on data left by the old behaviour (an address invited twice, an invitation for an
 * address that already has an account): the leftovers are revoked, the newest pending invitation
 * per address stays, and the unique index holds afterwards.
 */
describe.each(ENGINES)('migration 0007 on %s', (engine) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let inviter: string;

  const invitation = (id: string, email: string, createdAt: string, usedAt: string | null = null) => ({
    id,
    token_hash: `hash-${id}`,
    email,
    team_id: null,
    manager_id: null,
    mentor_id: null,
    is_admin: 0,
    invited_by: inviter,
    created_at: createdAt,
    expires_at: '2026-02-01T00:00:00.000Z',
    used_at: usedAt,
  });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
    inviter = (await buildPerson(db, { email: 'inviter@example.com' })).id;
    await buildPerson(db, { email: 'joined@example.com' });
    await down(db as Kysely<unknown>);
    await db
      .insertInto('invitations')
      .values([
        invitation('a1', 'twice@example.com', '2026-01-01T00:00:00.000Z'),
        invitation('a2', 'twice@example.com', '2026-01-02T00:00:00.000Z'),
        invitation('b1', 'joined@example.com', '2026-01-01T00:00:00.000Z'),
        invitation('c1', 'used@example.com', '2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z'),
        invitation('c2', 'used@example.com', '2026-01-04T00:00:00.000Z'),
      ] as never)
      .execute();
    await up(db as Kysely<unknown>);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('revokes the leftovers and keeps the newest pending invitation per address', async () => {
    const rows = await db.selectFrom('invitations').select(['id', 'revoked_at', 'used_at']).orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.revoked_at !== null])).toEqual([
      ['a1', true],
      ['a2', false],
      ['b1', true],
      ['c1', false],
      ['c2', false],
    ]);
  });

  it('holds one pending invitation per address from then on', async () => {
    const again = { ...invitation('a3', 'twice@example.com', '2026-01-05T00:00:00.000Z'), revoked_at: null };
    expect(await insertInvitation(db, again as InvitationRow)).toBe(false);
    const other = { ...invitation('d1', 'new@example.com', '2026-01-05T00:00:00.000Z'), revoked_at: null };
    expect(await insertInvitation(db, other as InvitationRow)).toBe(true);
  });
});
