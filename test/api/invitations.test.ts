import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInvitationById } from '../../src/db/repositories/invitations.ts';
import { insertPersonUnlessEmailTaken } from '../../src/db/repositories/people.ts';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework } from '../helpers/factories.ts';

/**
 * Issue 15, defect 3: an address is invited once; a link whose address got an account meanwhile
 * answers 409 in the error shape (never a 500, also when two accepts race); admins and managers
 * see pending invitations, revoke them (the link then answers like an unknown one) and make a new
 * link for them.
 */

const accept = { name: 'Newcomer', password: 'long enough password', roleTitle: 'Developer' };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type Pending = { id: string; email: string; invitedBy: string; managerName: string | null; expiresAt: string };
const errorOf = (res: LightMyRequestResponse) => (res.json() as ErrorBody).error;

describe.each(ENGINES)('invitations on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;
  let boss: SignedIn;
  let member: SignedIn;
  /** The server's clock: moved forward by the expiry test. */
  let now = Date.UTC(2026, 0, 5, 9);
  let sequence = 0;

  const invite = (by: SignedIn, body: Record<string, unknown>) => by.call('POST', '/api/invitations', body);
  const tokenOf = (res: LightMyRequestResponse) => (res.json() as { token: string }).token;
  /** Each anonymous call from its own address: the link routes allow 10 tries a minute per address. */
  let address = 0;
  const from = () => `10.15.0.${(++address % 250) + 1}`;
  const describeLink = (token: string) =>
    app.inject({ method: 'GET', url: `/api/invitations/${token}`, remoteAddress: from() });
  const acceptLink = (token: string) =>
    app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: accept, remoteAddress: from() });
  const pendingFor = async (who: SignedIn) =>
    ((await who.call('GET', '/api/pending-invitations')).json() as Pending[]).map((p) => p.email).sort();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = {
      db: database.db,
      clock: () => new Date(now),
      newId: () => `id-${String(++sequence).padStart(4, '0')}`,
    };
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    boss = await inviteAndJoin(app, admin, { email: 'boss@example.com', name: 'Boss', team: 'core' });
    member = await inviteAndJoin(app, admin, {
      email: 'member@example.com',
      name: 'Member',
      team: 'core',
      managerId: boss.personId,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('refuses to invite an address twice, with a code and the field', async () => {
    expect((await invite(admin, { email: 'twice@example.com' })).statusCode).toBe(201);
    const again = await invite(admin, { email: 'Twice@Example.com ' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'INVITATION_PENDING', fields: { email: 'already invited' } });
    expect(errorOf(again).message).toMatch(/twice@example\.com has already been invited .*Copy a new link/);
    // The manager cannot see the admin's invitation, so is pointed to an admin.
    const byBoss = await invite(boss, { email: 'twice@example.com' });
    expect(byBoss.statusCode).toBe(409);
    expect(errorOf(byBoss).message).toMatch(/Ask an admin/);
  });

  it('refuses to invite an address that has an account, primary or extra', async () => {
    const primary = await invite(admin, { email: 'member@example.com' });
    expect(primary.statusCode).toBe(409);
    expect(errorOf(primary)).toMatchObject({ code: 'EMAIL_TAKEN', fields: { email: 'already has an account' } });
    expect(
      (await member.call('POST', `/api/people/${member.personId}/emails`, { email: 'm.git@example.com' })).statusCode,
    ).toBe(200);
    const extra = await invite(boss, { email: 'M.Git@example.com' });
    expect(extra.statusCode).toBe(409);
    expect(errorOf(extra).code).toBe('EMAIL_TAKEN');
  });

  it('answers a stale link with 409 ACCOUNT_EXISTS (the issue: joined elsewhere, then pressed Join)', async () => {
    const token = tokenOf(await invite(admin, { email: 'stale@example.com' }));
    // Meanwhile the address got an account another way: the admin made the profile directly.
    expect(
      (await admin.call('POST', '/api/people', { name: 'Stale', email: 'stale@example.com', roleTitle: 'Dev' }))
        .statusCode,
    ).toBe(201);
    const shown = await describeLink(token);
    expect(shown.statusCode).toBe(409);
    expect(errorOf(shown)).toEqual({
      code: 'ACCOUNT_EXISTS',
      message: expect.stringMatching(/^There is already an account for stale@example\.com\. Sign in/),
    });
    const joined = await acceptLink(token);
    expect(joined.statusCode).toBe(409);
    expect(errorOf(joined).code).toBe('ACCOUNT_EXISTS');

    // The same when the address became someone's extra address.
    const token2 = tokenOf(await invite(admin, { email: 'second@example.com' }));
    await member.call('POST', `/api/people/${member.personId}/emails`, { email: 'second@example.com' });
    expect(errorOf(await acceptLink(token2)).code).toBe('ACCOUNT_EXISTS');
  });

  it('lets exactly one of several simultaneous accepts of a link through, the others get a 409', async () => {
    const token = tokenOf(await invite(admin, { email: 'race@example.com' }));
    const answers = await Promise.all(Array.from({ length: 4 }, () => acceptLink(token)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(['INVITATION_USED', 'ACCOUNT_EXISTS']).toContain(errorOf(a).code);
    }
  });

  it('makes one invitation of simultaneous invitations of one address (the unique index decides)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => invite(admin, { email: 'together@example.com' })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => errorOf(a).code === 'INVITATION_PENDING')).toBe(
      true,
    );
  });

  it('maps a unique violation on a person\'s address to "taken" instead of an error', async () => {
    const row = {
      name: 'Dup',
      email: 'admin@example.com',
      role_title: 'Dev',
      team_id: null,
      track: null,
      stage: null,
      created_at: '2026-01-05T09:00:00.000Z',
      updated_at: '2026-01-05T09:00:00.000Z',
    };
    expect(await insertPersonUnlessEmailTaken(database.db, { ...row, id: 'dup-1' })).toBe(false);
  });

  it('shows pending invitations to admins (all) and managers (theirs and their line), nobody else', async () => {
    expect((await invite(boss, { email: 'report@example.com' })).statusCode).toBe(201);
    expect((await invite(admin, { email: 'for-boss@example.com', managerId: boss.personId })).statusCode).toBe(201);
    const all = await pendingFor(admin);
    expect(all).toEqual(expect.arrayContaining(['twice@example.com', 'report@example.com', 'for-boss@example.com']));
    expect(all).not.toContain('race@example.com'); // used
    expect(await pendingFor(boss)).toEqual(['for-boss@example.com', 'report@example.com']);
    expect(await pendingFor(member)).toEqual([]);
    const listed = (await admin.call('GET', '/api/pending-invitations')).json() as Pending[];
    expect(listed.find((p) => p.email === 'report@example.com')).toMatchObject({
      invitedBy: 'Boss',
      managerName: 'Boss',
    });
    // Never a token or its hash.
    expect(JSON.stringify(listed)).not.toMatch(/token/i);
  });

  it('revokes: the link then answers exactly like an unknown one; only those who may manage it can', async () => {
    const token = tokenOf(await invite(admin, { email: 'revoke-me@example.com' }));
    const [pending] = ((await admin.call('GET', '/api/pending-invitations')).json() as Pending[]).filter(
      (p) => p.email === 'revoke-me@example.com',
    );
    const url = `/api/pending-invitations/${pending?.id}`;
    expect((await member.call('DELETE', url)).statusCode).toBe(404);
    expect((await boss.call('DELETE', url)).statusCode).toBe(404);
    expect((await admin.call('DELETE', url)).statusCode).toBe(204);
    const unknown = await describeLink('no-such-token');
    for (const res of [await describeLink(token), await acceptLink(token)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(unknown.json());
    }
    expect((await admin.call('DELETE', url)).statusCode).toBe(404);
    expect(await pendingFor(admin)).not.toContain('revoke-me@example.com');
    // The address can be invited again.
    expect((await invite(admin, { email: 'revoke-me@example.com' })).statusCode).toBe(201);
  });

  it('lets a manager revoke an invitation into their line and tells the inviter', async () => {
    const [pending] = ((await boss.call('GET', '/api/pending-invitations')).json() as Pending[]).filter(
      (p) => p.email === 'for-boss@example.com',
    );
    expect((await boss.call('DELETE', `/api/pending-invitations/${pending?.id}`)).statusCode).toBe(204);
    const log = (await admin.call('GET', '/api/me/audit')).json() as Array<{ who: string; resource: string }>;
    expect(log).toContainEqual(
      expect.objectContaining({ who: 'Boss', resource: 'invitation for for-boss@example.com (revoked)' }),
    );
  });

  it('makes a new link: the old one stops working, the new one works for seven more days', async () => {
    const created = await invite(admin, { email: 'relink@example.com' });
    const oldToken = tokenOf(created);
    const [pending] = ((await admin.call('GET', '/api/pending-invitations')).json() as Pending[]).filter(
      (p) => p.email === 'relink@example.com',
    );
    expect((await member.call('POST', `/api/pending-invitations/${pending?.id}/link`)).statusCode).toBe(404);
    now += 3 * 86_400_000;
    const renewed = await admin.call('POST', `/api/pending-invitations/${pending?.id}/link`);
    expect(renewed.statusCode, renewed.body).toBe(200);
    const link = renewed.json() as { email: string; token: string; path: string; expiresAt: string };
    expect(link).toMatchObject({ email: 'relink@example.com', path: `/invite/${link.token}` });
    expect(link.token).not.toBe(oldToken);
    expect(link.expiresAt > (created.json() as { expiresAt: string }).expiresAt).toBe(true);
    expect((await describeLink(oldToken)).statusCode).toBe(404);
    expect((await describeLink(link.token)).statusCode).toBe(200);
    // Only the hash is stored.
    const row = await findInvitationById(database.db, pending?.id as string);
    expect(JSON.stringify(row)).not.toContain(link.token);
  });

  it('drops expired invitations from the list and lets the address be invited again', async () => {
    const token = tokenOf(await invite(admin, { email: 'late@example.com' }));
    now += 8 * 86_400_000;
    expect(await pendingFor(admin)).not.toContain('late@example.com');
    expect(errorOf(await describeLink(token)).code).toBe('INVITATION_EXPIRED');
    const again = await invite(admin, { email: 'late@example.com' });
    expect(again.statusCode, again.body).toBe(201);
    expect((await acceptLink(tokenOf(again))).statusCode).toBe(201);
    // The new invitation replaced the expired one: its link is now unknown.
    expect(errorOf(await acceptLink(token)).code).toBe('INVITATION_NOT_FOUND');
  });
});
