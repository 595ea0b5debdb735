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

/** Options of a call: a signal to abort it (a newer request, or the screen went away). */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

/** True for the rejection of an aborted request: never an error to show. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function abortError(): DOMException {
  return new DOMException('The request was aborted.', 'AbortError');
}

async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const { signal } = options;
  let response: Response;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (e) {
    if (signal?.aborted || isAbortError(e)) throw abortError();
    throw new ApiError('NETWORK', 'Leadway’s server cannot be reached. Is `npm start` still running?');
  }
  let data: unknown = null;
  let unreadable = false;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      unreadable = true;
    }
  }
  if (signal?.aborted) throw abortError();
  if (!response.ok) {
    const error = (data as { error?: { code: string; message: string; fields?: Record<string, string> } } | null)
      ?.error;
    throw new ApiError(
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `The server answered ${response.status}.`,
      error?.fields,
    );
  }
  if (unreadable) throw new ApiError('BAD_RESPONSE', `The server’s answer to ${url} could not be read.`);
  return data as T;
}

/** A GET that can be aborted. */
const get = <T>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options);

/** A registered git repository (mirrors the server's RepositoryOutput until it has a contract). */
export interface RepositoryOutput {
  id: string;
  path: string;
  name: string;
  rev: string;
  createdAt: string;
  lastImportedAt: string | null;
}

/** What one git import did (mirrors the server's ImportResult until it has a contract). */
export interface ImportResult {
  repository: RepositoryOutput;
  range: string;
  commitsRead: number;
  creditsAdded: number;
  entriesCreated: number;
  entriesUpdated: number;
  people: Array<{ personId: string; email: string; credits: number }>;
}

/** Who is signed in (with isAdmin), or null; and whether the first account must be created. */
export interface AuthState {
  setupRequired: boolean;
  person: (PersonOutput & { isAdmin: boolean }) | null;
  csrfToken: string | null;
}

/** Typed calls to the Leadway API; the types come from the server's contracts. */
export const api = {
  authState: (options?: RequestOptions) => get<AuthState>('/api/auth/state', options),
  signUp: (input: { name: string; email: string; password: string; roleTitle: string; team?: string }) =>
    request<{ person: PersonOutput; csrfToken: string }>('POST', '/api/auth/signup', input),
  logIn: (email: string, password: string) =>
    request<{ person: PersonOutput; csrfToken: string }>('POST', '/api/auth/login', { email, password }),
  logOut: () => request<null>('POST', '/api/auth/logout'),
  logOutEverywhere: () => request<{ ended: number }>('POST', '/api/auth/logout-everywhere'),
  changePassword: (current: string, next: string) => request<null>('POST', '/api/auth/password', { current, next }),
  tokens: (options?: RequestOptions) =>
    get<Array<{ id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }>>(
      '/api/auth/tokens',
      options,
    ),
  createToken: (name: string) =>
    request<{ id: string; name: string; token: string }>('POST', '/api/auth/tokens', { name }),
  revokeToken: (id: string) => request<null>('DELETE', `/api/auth/tokens/${id}`),
  invite: (input: { email: string; team?: string; managerId?: string; mentorId?: string; isAdmin?: boolean }) =>
    request<{ email: string; token: string; path: string; expiresAt: string }>('POST', '/api/invitations', input),
  invitation: (token: string, options?: RequestOptions) =>
    get<{ email: string; invitedBy: string; expiresAt: string }>(`/api/invitations/${token}`, options),
  acceptInvitation: (token: string, input: { name: string; password: string; roleTitle: string }) =>
    request<{ person: PersonOutput; csrfToken: string }>('POST', `/api/invitations/${token}/accept`, input),
  updatePerson: (
    personId: string,
    input: { managerId?: string | null; mentorIds?: string[]; isAdmin?: boolean; team?: string | null },
  ) => request<PersonOutput>('PATCH', `/api/people/${personId}`, input),
  audit: (options?: RequestOptions) =>
    get<Array<{ id: string; who: string; action: string; resource: string; at: string }>>('/api/me/audit', options),
  openRound: (personId: string, raters: Array<{ personId: string; relation: 'mentor' | 'manager' | 'peer' }>) =>
    request<{ id: string }>('POST', `/api/people/${personId}/rounds`, { raters }),
  rounds: (personId: string, options?: RequestOptions) => get<Round[]>(`/api/people/${personId}/rounds`, options),
  ratingRequests: (options?: RequestOptions) =>
    get<Array<{ roundId: string; relation: string; personId: string; personName: string; invitedAt: string }>>(
      '/api/me/rating-requests',
      options,
    ),
  submitRating: (roundId: string, ratings: Array<{ areaId: string; level: number; comment: string }>) =>
    request<{ roundId: string }>('POST', `/api/rounds/${roundId}/ratings`, { ratings }),
  framework: (options?: RequestOptions) => get<FrameworkOutput>('/api/framework', options),
  people: (options?: RequestOptions) => get<PersonOutput[]>('/api/people', options),
  createPerson: (input: CreatePersonInput) => request<PersonOutput>('POST', '/api/people', input),
  recommend: (answers: Record<string, number>) =>
    request<RecommendationOutput>('POST', '/api/path/recommendation', { answers }),
  reflections: (personId: string, options?: RequestOptions) =>
    get<ReflectionOutput[]>(`/api/people/${personId}/reflections`, options),
  recordReflection: (personId: string, input: RecordReflectionInput) =>
    request<ReflectionOutput>('POST', `/api/people/${personId}/reflections`, input),
  assessments: (personId: string, options?: RequestOptions) =>
    get<AssessmentOutput[]>(`/api/people/${personId}/assessments`, options),
  submitAssessment: (personId: string, input: SubmitAssessmentInput) =>
    request<AssessmentOutput>('POST', `/api/people/${personId}/assessments`, input),
  standing: (personId: string, options?: RequestOptions) =>
    get<StandingOutput>(`/api/people/${personId}/standing`, options),
  nextActions: (personId: string, limit = 3, options?: RequestOptions) =>
    get<NextActionsOutput>(`/api/people/${personId}/next-actions?limit=${limit}`, options),
  setActionState: (personId: string, actionId: string, state: 'done' | 'dismissed' | 'open') =>
    request<unknown>('PUT', `/api/people/${personId}/actions/${encodeURIComponent(actionId)}`, { state }),
  goals: (personId: string, status = 'all', options?: RequestOptions) =>
    get<GoalsOutput>(`/api/people/${personId}/goals?status=${status}`, options),
  createGoal: (personId: string, input: CreateGoalInput) =>
    request<GoalOutput>('POST', `/api/people/${personId}/goals`, input),
  updateGoal: (goalId: string, input: UpdateGoalInput) => request<GoalOutput>('PATCH', `/api/goals/${goalId}`, input),
  addGoalAction: (goalId: string, input: GoalActionInput) =>
    request<GoalOutput>('POST', `/api/goals/${goalId}/actions`, input),
  updateGoalAction: (goalId: string, actionId: string, input: UpdateGoalActionInput) =>
    request<GoalOutput>('PATCH', `/api/goals/${goalId}/actions/${actionId}`, input),
  addCheckin: (goalId: string, input: CheckinInput) =>
    request<GoalOutput>('POST', `/api/goals/${goalId}/checkins`, input),
  entries: (personId: string, query: Record<string, string | number | undefined>, options?: RequestOptions) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    return get<{ entries: EntryOutput[]; total: number }>(`/api/people/${personId}/entries?${params}`, options);
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
  timeline: (personId: string, weeks = 12, options?: RequestOptions) =>
    get<TimelineOutput>(`/api/people/${personId}/timeline?weeks=${weeks}`, options),
  repositories: (options?: RequestOptions) => get<RepositoryOutput[]>('/api/git/repositories', options),
  registerRepository: (input: { path: string; rev?: string; name?: string }) =>
    request<RepositoryOutput>('POST', '/api/git/repositories', input),
  removeRepository: (id: string) => request<null>('DELETE', `/api/git/repositories/${id}`),
  importRepository: (id: string) => request<ImportResult>('POST', `/api/git/repositories/${id}/import`, {}),
  gitEvidence: (personId: string, months = 12, options?: RequestOptions) =>
    get<{
      areas: Array<{ id: string; name: string }>;
      months: Array<{ month: string; counts: Record<string, number> }>;
    }>(`/api/people/${personId}/git-evidence?months=${months}`, options),
  emails: (personId: string, options?: RequestOptions) =>
    get<{ primary: string; extra: string[] }>(`/api/people/${personId}/emails`, options),
  addEmail: (personId: string, email: string) =>
    request<{ primary: string; extra: string[] }>('POST', `/api/people/${personId}/emails`, { email }),
  removeEmail: (personId: string, email: string) =>
    request<{ primary: string; extra: string[] }>(
      'DELETE',
      `/api/people/${personId}/emails/${encodeURIComponent(email)}`,
    ),
  readiness: (personId: string, track?: string, stage?: string, options?: RequestOptions) => {
    const params = new URLSearchParams();
    if (track) params.set('track', track);
    if (stage) params.set('stage', stage);
    return get<ReadinessOutput>(`/api/people/${personId}/readiness?${params}`, options);
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
