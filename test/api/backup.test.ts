import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackupDocument, backupDocument } from '../../src/contracts/backup.ts';
import { buildApp } from '../../src/server/app.ts';
import { BACKUP_AUDIT_RESOURCE, exportBackup } from '../../src/services/backup/backup.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { leadway } from '../helpers/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/** More journal rows than one page of the backup reader (1,000), so paging is exercised. */
const ENTRIES = 1_234;

describe.each(ENGINES)('downloading the whole installation’s backup on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    member = await inviteAndJoin(app, admin, { email: 'member@example.com', name: 'Member', team: 'core' });
    const rows = Array.from(
      { length: ENTRIES },
      (_, i) => `2025-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1},Entry ${i},alpha;beta,private`,
    );
    const imported = await member.call('POST', `/api/people/${member.personId}/entries/import`, {
      format: 'csv',
      files: [{ name: 'many.csv', content: `date,title,areas,visibility\n${rows.join('\n')}\n` }],
    });
    expect(imported.statusCode, imported.body).toBe(200);
    await member.call('POST', `/api/people/${member.personId}/goals`, { title: 'A private goal', areaId: 'beta' });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('refuses everyone but admins (403, as every admin-only operation) and anonymous callers (401)', async () => {
    const refused = await member.call('GET', '/api/backup');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: { code: 'FORBIDDEN', message: 'Only an admin can download a backup of the whole installation.' },
    });
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/backup' })).statusCode).toBe(401);
  });

  it('gives the admin a dated file holding the same document `leadway export` writes, and records it for every member', async () => {
    const res = await admin.call('GET', '/api/backup');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="leadway-backup-2026-01-05.json"');
    const downloaded = backupDocument.parse(JSON.parse(res.body)) as BackupDocument;
    expect(downloaded.tables.journal_entries).toHaveLength(ENTRIES);
    expect(downloaded.tables.journal_entry_areas).toHaveLength(ENTRIES * 2);
    // Keyset paging neither skips nor repeats a row across pages.
    expect(new Set(downloaded.tables.journal_entry_areas.map((r) => `${r.entry_id} ${r.area_id}`)).size).toBe(
      ENTRIES * 2,
    );
    const onServer = await exportBackup(testContext(database.db));
    expect(downloaded.tables).toEqual(onServer.tables);
    expect(downloaded.format).toBe(onServer.format);

    const log = (await member.call('GET', '/api/me/audit')).json() as Array<{ who: string; resource: string }>;
    expect(log).toContainEqual(expect.objectContaining({ who: 'Admin', resource: BACKUP_AUDIT_RESOURCE }));
    // The admin reading their own data is not "someone else" reading it.
    const own = (await admin.call('GET', '/api/me/audit')).json() as Array<{ resource: string }>;
    expect(own.filter((l) => l.resource === BACKUP_AUDIT_RESOURCE)).toEqual([]);
  });

  it('restores a backup made before one pending invitation per address (two links for one address, one for a member)', async () => {
    const document = JSON.parse((await admin.call('GET', '/api/backup')).body) as BackupDocument;
    // As Leadway wrote them before migration 0007: no revoked_at, duplicates accepted.
    const old = (id: string, email: string, createdAt: string) => ({
      id,
      email,
      token_hash: `hash-${id}`,
      invited_by: admin.personId,
      team: null,
      manager_id: null,
      mentor_id: null,
      is_admin: 0,
      created_at: createdAt,
      expires_at: '2026-02-01T00:00:00.000Z',
      used_at: null,
    });
    const template = document.tables.invitations[0] ?? {};
    const shaped = (row: ReturnType<typeof old>) =>
      Object.fromEntries(
        Object.keys(template)
          .filter((k) => k !== 'revoked_at')
          .map((k) => [k, (row as Record<string, unknown>)[k] ?? null]),
      );
    document.tables.invitations.push(
      shaped(old('old-1', 'twice@example.com', '2026-01-01T09:00:00.000Z')),
      shaped(old('old-2', 'twice@example.com', '2026-01-02T09:00:00.000Z')),
      shaped(old('old-3', 'member@example.com', '2026-01-02T09:00:00.000Z')),
    );
    const target = await createTestDatabase(engine);
    const fresh = await buildApp({ ctx: testContext(target.db) });
    try {
      const restored = await fresh.inject({ method: 'POST', url: '/api/backup', payload: document });
      expect(restored.statusCode, restored.body).toBe(201);
      const again = await exportBackup(testContext(target.db));
      const revoked = Object.fromEntries(
        again.tables.invitations.filter((i) => String(i.id).startsWith('old-')).map((i) => [i.id, i.revoked_at]),
      );
      expect(revoked).toEqual({
        'old-1': '2026-01-01T09:00:00.000Z',
        'old-2': null,
        'old-3': '2026-01-02T09:00:00.000Z',
      });
    } finally {
      await fresh.close();
      await target.destroy();
    }
  });

  it('restores into a new install from the web’s restore route and with `leadway import`, and signs in there', async () => {
    const res = await admin.call('GET', '/api/backup');
    const file = res.body;
    // Through the API of a new, empty installation (the first-run page's "Restore a backup instead").
    const target = await createTestDatabase(engine === 'sqlite' ? 'postgres' : 'sqlite');
    const fresh = await buildApp({ ctx: testContext(target.db) });
    try {
      const restored = await fresh.inject({
        method: 'POST',
        url: '/api/backup',
        headers: { 'content-type': 'application/json' },
        payload: file,
      });
      expect(restored.statusCode, restored.body).toBe(201);
      expect(restored.json()).toMatchObject({ restored: { people: 2, journal_entries: ENTRIES, credentials: 2 } });
      const login = await fresh.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'member@example.com', password: 'long enough password' },
      });
      expect(login.statusCode, login.body).toBe(200);
    } finally {
      await fresh.close();
      await target.destroy();
    }
    // With the CLI, into an empty SQLite file, then exported again by the CLI: the same tables.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-backup-'));
    try {
      fs.writeFileSync(path.join(dir, 'download.json'), file);
      const env = { LEADWAY_DATA: path.join(dir, 'data') };
      const imported = await leadway(env, dir, 'import', 'download.json');
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain(`Restored 2 people`);
      const exported = await leadway(env, dir, 'export', 'again.json');
      expect(exported.code, exported.stderr).toBe(0);
      const again = JSON.parse(fs.readFileSync(path.join(dir, 'again.json'), 'utf8')) as BackupDocument;
      expect(again.tables).toEqual((JSON.parse(file) as BackupDocument).tables);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
