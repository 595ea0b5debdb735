import type {
  CheckinInput,
  CreateGoalInput,
  GoalActionInput,
  GoalOutput,
  GoalsOutput,
  UpdateGoalActionInput,
  UpdateGoalInput,
} from '../../src/contracts/goals.ts';
import type {
  AssessmentOutput,
  CreatePersonInput,
  FrameworkOutput,
  NextActionsOutput,
  PersonOutput,
  RecommendationOutput,
  RecordReflectionInput,
  ReflectionOutput,
  StandingOutput,
  SubmitAssessmentInput,
} from '../../src/contracts/index.ts';
import type {
  CreateEntryInput,
  EntryOutput,
  ImportEntriesOutput,
  TimelineOutput,
  UpdateEntryInput,
} from '../../src/contracts/journal.ts';
import type { ReadinessOutput } from '../../src/contracts/report.ts';
import type { ImportResult, RepositoryOutput } from '../../src/services/git/repositories.ts';

/** An API error with the server's code, message and per-field problems. */
export class ApiError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}

/** The session's CSRF token, sent with every change (set after sign-in or from /api/auth/state). */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('NETWORK', 'Leadway’s server cannot be reached. Is `npm start` still running?');
  }
  const data = response.status === 204 ? null : ((await response.json().catch(() => null)) as unknown);
  if (!response.ok) {
    const error = (data as { error?: { code: string; message: string; fields?: Record<string, string> } } | null)
      ?.error;
    throw new ApiError(
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `The server answered ${response.status}.`,
      error?.fields,
    );
  }
  return data as T;
}

/** Who is signed in (with isAdmin), or null; and whether the first account must be created. */
export interface AuthState {
  setupRequired: boolean;
  person: (PersonOutput & { isAdmin: boolean }) | null;
  csrfToken: string | null;
}

/** Typed calls to the Leadway API; the types come from the server's contracts. */
export const api = {
  authState: () => request<AuthState>('GET', '/api/auth/state'),
  signUp: (input: { name: string; email: string; password: string; roleTitle: string; team?: string }) =>
    request<{ person: PersonOutput; csrfToken: string }>('POST', '/api/auth/signup', input),
  logIn: (email: string, password: string) =>
    request<{ person: PersonOutput; csrfToken: string }>('POST', '/api/auth/login', { email, password }),
  logOut: () => request<null>('POST', '/api/auth/logout'),
  logOutEverywhere: () => request<{ ended: number }>('POST', '/api/auth/logout-everywhere'),
  changePassword: (current: string, next: string) => request<null>('POST', '/api/auth/password', { current, next }),
  tokens: () =>
    request<
      Array<{ id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }>
    >('GET', '/api/auth/tokens'),
  createToken: (name: string) =>
    request<{ id: string; name: string; token: string }>('POST', '/api/auth/tokens', { name }),
  revokeToken: (id: string) => request<null>('DELETE', `/api/auth/tokens/${id}`),
  invite: (input: { email: string; team?: string; managerId?: string; mentorId?: string; isAdmin?: boolean }) =>
    request<{ email: string; token: string; path: string; expiresAt: string }>('POST', '/api/invitations', input),
  invitation: (token: string) =>
    request<{ email: string; invitedBy: string; expiresAt: string }>('GET', `/api/invitations/${token}`),
  acceptInvitation: (token: string, input: { name: string; password: string; roleTitle: string }) =>
    request<{ person: PersonOutput; csrfToken: string }>('POST', `/api/invitations/${token}/accept`, input),
  updatePerson: (
    personId: string,
    input: { managerId?: string | null; mentorIds?: string[]; isAdmin?: boolean; team?: string | null },
  ) => request<PersonOutput>('PATCH', `/api/people/${personId}`, input),
  audit: () =>
    request<Array<{ id: string; who: string; action: string; resource: string; at: string }>>('GET', '/api/me/audit'),
  openRound: (personId: string, raters: Array<{ personId: string; relation: 'mentor' | 'manager' | 'peer' }>) =>
    request<{ id: string }>('POST', `/api/people/${personId}/rounds`, { raters }),
  rounds: (personId: string) => request<Round[]>('GET', `/api/people/${personId}/rounds`),
  ratingRequests: () =>
    request<Array<{ roundId: string; relation: string; personId: string; personName: string; invitedAt: string }>>(
      'GET',
      '/api/me/rating-requests',
    ),
  submitRating: (roundId: string, ratings: Array<{ areaId: string; level: number; comment: string }>) =>
    request<{ roundId: string }>('POST', `/api/rounds/${roundId}/ratings`, { ratings }),
  framework: () => request<FrameworkOutput>('GET', '/api/framework'),
  people: () => request<PersonOutput[]>('GET', '/api/people'),
  createPerson: (input: CreatePersonInput) => request<PersonOutput>('POST', '/api/people', input),
  recommend: (answers: Record<string, number>) =>
    request<RecommendationOutput>('POST', '/api/path/recommendation', { answers }),
  reflections: (personId: string) => request<ReflectionOutput[]>('GET', `/api/people/${personId}/reflections`),
  recordReflection: (personId: string, input: RecordReflectionInput) =>
    request<ReflectionOutput>('POST', `/api/people/${personId}/reflections`, input),
  assessments: (personId: string) => request<AssessmentOutput[]>('GET', `/api/people/${personId}/assessments`),
  submitAssessment: (personId: string, input: SubmitAssessmentInput) =>
    request<AssessmentOutput>('POST', `/api/people/${personId}/assessments`, input),
  standing: (personId: string) => request<StandingOutput>('GET', `/api/people/${personId}/standing`),
  nextActions: (personId: string, limit = 3) =>
    request<NextActionsOutput>('GET', `/api/people/${personId}/next-actions?limit=${limit}`),
  setActionState: (personId: string, actionId: string, state: 'done' | 'dismissed' | 'open') =>
    request<unknown>('PUT', `/api/people/${personId}/actions/${encodeURIComponent(actionId)}`, { state }),
  goals: (personId: string, status = 'all') =>
    request<GoalsOutput>('GET', `/api/people/${personId}/goals?status=${status}`),
  createGoal: (personId: string, input: CreateGoalInput) =>
    request<GoalOutput>('POST', `/api/people/${personId}/goals`, input),
  updateGoal: (goalId: string, input: UpdateGoalInput) => request<GoalOutput>('PATCH', `/api/goals/${goalId}`, input),
  addGoalAction: (goalId: string, input: GoalActionInput) =>
    request<GoalOutput>('POST', `/api/goals/${goalId}/actions`, input),
  updateGoalAction: (goalId: string, actionId: string, input: UpdateGoalActionInput) =>
    request<GoalOutput>('PATCH', `/api/goals/${goalId}/actions/${actionId}`, input),
  addCheckin: (goalId: string, input: CheckinInput) =>
    request<GoalOutput>('POST', `/api/goals/${goalId}/checkins`, input),
  entries: (personId: string, query: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    return request<{ entries: EntryOutput[]; total: number }>('GET', `/api/people/${personId}/entries?${params}`);
  },
  createEntry: (personId: string, input: CreateEntryInput) =>
    request<EntryOutput>('POST', `/api/people/${personId}/entries`, input),
  updateEntry: (entryId: string, input: UpdateEntryInput) =>
    request<EntryOutput>('PATCH', `/api/entries/${entryId}`, input),
  importEntries: (
    personId: string,
    input: { format: 'csv' | 'markdown'; files: Array<{ name: string; content: string }>; dryRun: boolean },
  ) => request<ImportEntriesOutput>('POST', `/api/people/${personId}/entries/import`, input),
  restoreBackup: (backup: unknown) => request<{ restored: Record<string, number> }>('POST', '/api/backup', backup),
  deleteEntry: (entryId: string) => request<null>('DELETE', `/api/entries/${entryId}`),
  timeline: (personId: string, weeks = 12) =>
    request<TimelineOutput>('GET', `/api/people/${personId}/timeline?weeks=${weeks}`),
  repositories: () => request<RepositoryOutput[]>('GET', '/api/git/repositories'),
  registerRepository: (input: { path: string; rev?: string; name?: string }) =>
    request<RepositoryOutput>('POST', '/api/git/repositories', input),
  removeRepository: (id: string) => request<null>('DELETE', `/api/git/repositories/${id}`),
  importRepository: (id: string) => request<ImportResult>('POST', `/api/git/repositories/${id}/import`, {}),
  gitEvidence: (personId: string, months = 12) =>
    request<{
      areas: Array<{ id: string; name: string }>;
      months: Array<{ month: string; counts: Record<string, number> }>;
    }>('GET', `/api/people/${personId}/git-evidence?months=${months}`),
  emails: (personId: string) => request<{ primary: string; extra: string[] }>('GET', `/api/people/${personId}/emails`),
  addEmail: (personId: string, email: string) =>
    request<{ primary: string; extra: string[] }>('POST', `/api/people/${personId}/emails`, { email }),
  removeEmail: (personId: string, email: string) =>
    request<{ primary: string; extra: string[] }>(
      'DELETE',
      `/api/people/${personId}/emails/${encodeURIComponent(email)}`,
    ),
  readiness: (personId: string, track?: string, stage?: string) => {
    const params = new URLSearchParams();
    if (track) params.set('track', track);
    if (stage) params.set('stage', stage);
    return request<ReadinessOutput>('GET', `/api/people/${personId}/readiness?${params}`);
  },
};

/** A 360 round as its subject sees it. */
export interface Round {
  id: string;
  createdAt: string;
  invited: Array<{ relation: string; name: string | null; answered: boolean }>;
  areas: Array<{ id: string; name: string }>;
  self: Record<string, number> | null;
  target: Record<string, number> | null;
  named: Array<{
    relation: string;
    raterName: string;
    levels: Record<string, number>;
    comments: Record<string, string>;
  }>;
  peers: { answered: number; shown: boolean; average: Record<string, number | null> | null };
  others: Record<string, number | null>;
  blindSpots: Array<{ areaId: string; self: number; others: number; direction: 'over' | 'under' }>;
}
