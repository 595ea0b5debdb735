import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { REDACTED, redactSecrets } from '../../src/server/logging.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { testContext } from '../helpers/factories.ts';

// `serve --verbose` logs every request. Invitation links and personal tokens are credentials:
// whoever reads the log must not be able to join as the invitee or act as a member.

let database: TestDatabase;
let app: FastifyInstance;
let ada: SignedIn;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  app = await buildApp({
    ctx: testContext(database.db),
    logLevel: 'info',
    logStream: { write: (line) => lines.push(line) },
  });
  ada = await signUpAdmin(app);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

it('logs invitation URLs with the token redacted, and never credentials or headers', async () => {
  const invited = await ada.call('POST', '/api/invitations', { email: 'grace@example.com' });
  expect(invited.statusCode).toBe(201);
  const { token } = invited.json() as { token: string };
  expect(token.length).toBeGreaterThan(20);
  lines.length = 0;

  expect((await app.inject({ method: 'GET', url: `/api/invitations/${token}` })).statusCode).toBe(200);
  // The web app's own page for the link, and a token slipped into a query string.
  await app.inject({ method: 'GET', url: `/invite/${token}` });
  await app.inject({ method: 'GET', url: `/api/invitations/${token}?token=${token}&password=hunter2&weeks=4` });
  const accepted = await app.inject({
    method: 'POST',
    url: `/api/invitations/${token}/accept`,
    payload: { name: 'Grace', password: 'long enough password', roleTitle: 'Developer' },
  });
  expect(accepted.statusCode).toBe(201);
  const cookie = String(accepted.headers['set-cookie']).split(';')[0] ?? '';
  const { csrfToken } = accepted.json() as { csrfToken: string };
  // A personal token in the Authorization header and (by mistake) in the URL; a session cookie.
  await ada.call('GET', `/api/people?access_token=${ada.token}`);
  await app.inject({ method: 'GET', url: '/api/auth/state', headers: { cookie, 'x-csrf-token': csrfToken } });
  // Log calls that carry headers or a URL in the message are covered too.
  app.log.warn({ headers: { authorization: `Bearer ${ada.token}`, cookie } }, `replayed /api/invitations/${token}`);

  const log = lines.join('');
  expect(lines.length).toBeGreaterThan(10);
  for (const secret of [token, ada.token, 'hunter2', cookie.split('=')[1] ?? cookie, csrfToken]) {
    expect(secret.length).toBeGreaterThan(6);
    expect(log).not.toContain(secret);
  }
  const urls = lines.map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url).filter(Boolean);
  expect(urls).toEqual(
    expect.arrayContaining([
      `/api/invitations/${REDACTED}`,
      `/invite/${REDACTED}`,
      `/api/invitations/${REDACTED}?token=${REDACTED}&password=${REDACTED}&weeks=4`,
      `/api/invitations/${REDACTED}/accept`,
      `/api/people?access_token=${REDACTED}`,
      '/api/auth/state',
    ]),
  );
  expect(log).toContain(`replayed /api/invitations/${REDACTED}`);
  expect(log).not.toMatch(/bearer/i);
  for (const line of lines) expect(JSON.parse(line).req?.headers).toBeUndefined();
});

it('redacts secrets wherever they sit in a URL and leaves the rest alone', () => {
  expect(redactSecrets('/api/invitations//abc123/accept?x=1')).toBe(`/api/invitations//${REDACTED}/accept?x=1`);
  expect(redactSecrets('/api/invitations%2Fabc123')).toBe(`/api/invitations%2F${REDACTED}`);
  expect(redactSecrets('/api/x?a=1&apiKey=k&session_id=s&client_secret=c;TOKEN=t#f')).toBe(
    `/api/x?a=1&apiKey=${REDACTED}&session_id=${REDACTED}&client_secret=${REDACTED};TOKEN=${REDACTED}#f`,
  );
  expect(redactSecrets('/api/people/lw_abcdefghijklmnop/x')).toBe(`/api/people/${REDACTED}/x`);
  expect(redactSecrets('/api/people/p1/entries?q=design&weeks=26')).toBe('/api/people/p1/entries?q=design&weeks=26');
  expect(redactSecrets('/api/invitations')).toBe('/api/invitations');
});
