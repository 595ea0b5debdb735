import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** A signed-in API client for app.inject: a person, their personal API token, and a call helper. */
export interface SignedIn {
  personId: string;
  token: string;
  call: (
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
}

function cookieFrom(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return (first ?? '').split(';')[0] ?? '';
}

/** Signs in with a session (cookie + CSRF), creates a personal API token, and returns a client using it. */
async function tokenClient(app: FastifyInstance, res: LightMyRequestResponse): Promise<SignedIn> {
  if (res.statusCode >= 300) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const { person, csrfToken } = res.json() as { person: { id: string }; csrfToken: string };
  const created = await app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { cookie: cookieFrom(res), 'x-csrf-token': csrfToken },
    payload: { name: 'tests' },
  });
  const { token } = created.json() as { token: string };
  return {
    personId: person.id,
    token,
    call: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}

/** The first run: signs up the admin. */
export async function signUpAdmin(
  app: FastifyInstance,
  input: { name?: string; email?: string; roleTitle?: string; team?: string } = {},
): Promise<SignedIn> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      roleTitle: 'Backend developer',
      password: 'correct horse battery',
      ...input,
    },
  });
  return tokenClient(app, res);
}

/** Invites someone through `by` and accepts as them; returns their client. */
export async function inviteAndJoin(
  app: FastifyInstance,
  by: SignedIn,
  input: { email: string; name: string; team?: string; managerId?: string; mentorId?: string; isAdmin?: boolean },
): Promise<SignedIn> {
  const { name, ...invitation } = input;
  const invited = await by.call('POST', '/api/invitations', invitation);
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.body}`);
  const { token } = invited.json() as { token: string };
  const res = await app.inject({
    method: 'POST',
    url: `/api/invitations/${token}/accept`,
    payload: { name, password: 'long enough password', roleTitle: 'Developer' },
  });
  return tokenClient(app, res);
}
