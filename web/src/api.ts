import type { AuditLineOutput } from '../../src/contracts/audit.ts';
import type {
  AcceptInput,
  ApiTokenOutput,
  AuthStateOutput,
  CreateTokenInput,
  InvitationInput,
  InvitationOutput,
  LoginInput,
  LogOutEverywhereOutput,
  NewApiTokenOutput,
  NewInvitationOutput,
  PasswordChangeInput,
  PendingInvitationOutput,
  SessionOutput,
  SignupInput,
} from '../../src/contracts/auth.ts';
import type { BackupDocumentInput, RestoreOutput } from '../../src/contracts/backup.ts';
import type { JournalExportFormat } from '../../src/contracts/export.ts';
import type {
  GitEvidenceOutput,
  GitImportOutput,
  ImportRepositoryInput,
  RegisterRepositoryInput,
  RepositoryOutput,
} from '../../src/contracts/git.ts';
import type {
  CheckinInput,
  CreateGoalInput,
  GoalActionInput,
  GoalOutput,
  GoalsOutput,
  GoalsQuery,
  UpdateGoalActionInput,
  UpdateGoalInput,
} from '../../src/contracts/goals.ts';
import { IDEMPOTENCY_HEADER, newIdempotencyKey } from '../../src/contracts/idempotency.ts';
import type {
  ActionStateOutput,
  AssessmentOutput,
  CreatePersonInput,
  FrameworkOutput,
  NextActionsOutput,
  NoContent,
  PersonOutput,
  RecommendationInput,
  RecommendationOutput,
  RecordReflectionInput,
  ReflectionOutput,
  SetActionStateInput,
  StandingOutput,
  SubmitAssessmentInput,
  UpdatePersonInput,
} from '../../src/contracts/index.ts';
import type {
  CreateEntryInput,
  EntriesOutput,
  EntriesQueryInput,
  EntryOutput,
  ImportEntriesInput,
  ImportEntriesOutput,
  TimelineOutput,
  UpdateEntryInput,
} from '../../src/contracts/journal.ts';
import type { AddEmailInput, EmailsOutput } from '../../src/contracts/people.ts';
import type { ReadinessOutput } from '../../src/contracts/report.ts';
import type {
  OpenedRoundOutput,
  OpenRoundInput,
  RateInput,
  RatingRequestOutput,
  RatingSubmittedOutput,
  RoundOutput,
} from '../../src/contracts/rounds.ts';

/**
 * Typed calls to the Leadway API. Every body and answer type is the server's contract
 * (src/contracts: z.input for what is sent, z.infer for what comes back), so changing a contract
 * breaks this build rather than a user's screen.
 */

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

/**
 * Keys of POSTs whose answer never arrived (the network failed), by method, URL and body: pressing
 * the same button again with the same form is a retry of that submission and reuses its key, so
 * the server answers with what the first one did if it got through (server/idempotency.ts). Any
 * answer settles a submission: the next one, even with the same content, is new.
 */
const unsettledKeys = new Map<string, string>();

/** How many times a lost request is sent again, and how long to wait for the first one's answer. */
const NETWORK_RETRIES = 2;
const IN_PROGRESS_RETRIES = 20;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const { signal } = options;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  // Every POST of a submission carries one key; the server ignores it where nothing is created.
  const signature = `${method} ${url} ${payload ?? ''}`;
  const key = method === 'POST' ? (unsettledKeys.get(signature) ?? newIdempotencyKey()) : undefined;
  if (key) headers[IDEMPOTENCY_HEADER] = key;
  let response: Response | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: payload,
        signal: signal ?? null,
      });
    } catch (e) {
      if (signal?.aborted || isAbortError(e)) throw abortError();
      // The request may have been carried out and only its answer lost: the same key makes
      // sending it again safe.
      if (key && attempt < NETWORK_RETRIES) {
        await pause(300 * (attempt + 1));
        continue;
      }
      if (key) unsettledKeys.set(signature, key);
      throw new ApiError('NETWORK', 'Leadway’s server cannot be reached. Is `npm start` still running?');
    }
    // The first request with this key is still running: wait for its answer, with the same key.
    if (key && response.status === 409 && attempt < IN_PROGRESS_RETRIES) {
      const code = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { error?: { code?: string } } | undefined;
      if (code?.error?.code === 'IDEMPOTENCY_IN_PROGRESS') {
        await pause(500);
        continue;
      }
    }
    break;
  }
  if (key) unsettledKeys.delete(signature);
  // A 204 has no body: the call resolves to undefined (the contracts' NoContent).
  let data: unknown;
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
    const error = (data as { error?: { code: string; message: string; fields?: Record<string, string> } } | undefined)
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
/** Today's date where the browser is (YYYY-MM-DD in its time zone, not UTC). */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const get = <T>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options);

/** Entry filters; empty values are left out of the query. */
export type EntryFilters = { [K in keyof EntriesQueryInput]?: EntriesQueryInput[K] | '' };

/** Typed calls to the Leadway API; the types come from the server's contracts. */
export const api = {
  authState: (options?: RequestOptions) => get<AuthStateOutput>('/api/auth/state', options),
  signUp: (input: SignupInput) => request<SessionOutput>('POST', '/api/auth/signup', input),
  logIn: (email: string, password: string) =>
    request<SessionOutput>('POST', '/api/auth/login', { email, password } satisfies LoginInput),
  logOut: () => request<NoContent>('POST', '/api/auth/logout'),
  logOutEverywhere: () => request<LogOutEverywhereOutput>('POST', '/api/auth/logout-everywhere'),
  changePassword: (current: string, next: string) =>
    request<NoContent>('POST', '/api/auth/password', { current, next } satisfies PasswordChangeInput),
  tokens: (options?: RequestOptions) => get<ApiTokenOutput[]>('/api/auth/tokens', options),
  createToken: (name: string) =>
    request<NewApiTokenOutput>('POST', '/api/auth/tokens', { name } satisfies CreateTokenInput),
  revokeToken: (id: string) => request<NoContent>('DELETE', `/api/auth/tokens/${id}`),
  invite: (input: InvitationInput) => request<NewInvitationOutput>('POST', '/api/invitations', input),
  invitation: (token: string, options?: RequestOptions) => get<InvitationOutput>(`/api/invitations/${token}`, options),
  pendingInvitations: (options?: RequestOptions) => get<PendingInvitationOutput[]>('/api/pending-invitations', options),
  revokeInvitation: (invitationId: string) =>
    request<NoContent>('DELETE', `/api/pending-invitations/${encodeURIComponent(invitationId)}`),
  /** A new link for a pending invitation (the previous one stops working: only its hash is stored). */
  renewInvitationLink: (invitationId: string) =>
    request<NewInvitationOutput>('POST', `/api/pending-invitations/${encodeURIComponent(invitationId)}/link`),
  acceptInvitation: (token: string, input: AcceptInput) =>
    request<SessionOutput>('POST', `/api/invitations/${token}/accept`, input),
  updatePerson: (personId: string, input: UpdatePersonInput) =>
    request<PersonOutput>('PATCH', `/api/people/${personId}`, input),
  audit: (options?: RequestOptions) => get<AuditLineOutput[]>('/api/me/audit', options),
  openRound: (personId: string, raters: OpenRoundInput['raters']) =>
    request<OpenedRoundOutput>('POST', `/api/people/${personId}/rounds`, { raters } satisfies OpenRoundInput),
  rounds: (personId: string, options?: RequestOptions) => get<RoundOutput[]>(`/api/people/${personId}/rounds`, options),
  ratingRequests: (options?: RequestOptions) => get<RatingRequestOutput[]>('/api/me/rating-requests', options),
  submitRating: (roundId: string, ratings: RateInput['ratings']) =>
    request<RatingSubmittedOutput>('POST', `/api/rounds/${roundId}/ratings`, { ratings } satisfies RateInput),
  framework: (options?: RequestOptions) => get<FrameworkOutput>('/api/framework', options),
  people: (options?: RequestOptions) => get<PersonOutput[]>('/api/people', options),
  createPerson: (input: CreatePersonInput) => request<PersonOutput>('POST', '/api/people', input),
  recommend: (answers: RecommendationInput['answers']) =>
    request<RecommendationOutput>('POST', '/api/path/recommendation', { answers } satisfies RecommendationInput),
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
  setActionState: (personId: string, actionId: string, state: SetActionStateInput['state']) =>
    request<ActionStateOutput>('PUT', `/api/people/${personId}/actions/${encodeURIComponent(actionId)}`, {
      state,
    } satisfies SetActionStateInput),
  goals: (personId: string, status: GoalsQuery['status'] = 'all', options?: RequestOptions) =>
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
  entries: (personId: string, query: EntryFilters, options?: RequestOptions) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    return get<EntriesOutput>(`/api/people/${personId}/entries?${params}`, options);
  },
  createEntry: (personId: string, input: CreateEntryInput) =>
    request<EntryOutput>('POST', `/api/people/${personId}/entries`, input),
  updateEntry: (entryId: string, input: UpdateEntryInput) =>
    request<EntryOutput>('PATCH', `/api/entries/${entryId}`, input),
  importEntries: (personId: string, input: ImportEntriesInput) =>
    request<ImportEntriesOutput>('POST', `/api/people/${personId}/entries/import`, input),
  /** Restores a backup file as read (the server checks it: BACKUP_INVALID). */
  restoreBackup: (backup: BackupDocumentInput) => request<RestoreOutput>('POST', '/api/backup', backup),
  deleteEntry: (entryId: string) => request<NoContent>('DELETE', `/api/entries/${entryId}`),
  /** The last `weeks` weeks of evidence, up to this week where the reader is (their own date is sent). */
  timeline: (personId: string, weeks = 12, options?: RequestOptions) =>
    get<TimelineOutput>(`/api/people/${personId}/timeline?weeks=${weeks}&today=${localToday()}`, options),
  repositories: (options?: RequestOptions) => get<RepositoryOutput[]>('/api/git/repositories', options),
  registerRepository: (input: RegisterRepositoryInput) =>
    request<RepositoryOutput>('POST', '/api/git/repositories', input),
  removeRepository: (id: string) => request<NoContent>('DELETE', `/api/git/repositories/${id}`),
  importRepository: (id: string, input: ImportRepositoryInput = {}) =>
    request<GitImportOutput>('POST', `/api/git/repositories/${id}/import`, input),
  gitEvidence: (personId: string, months = 12, options?: RequestOptions) =>
    get<GitEvidenceOutput>(`/api/people/${personId}/git-evidence?months=${months}`, options),
  emails: (personId: string, options?: RequestOptions) => get<EmailsOutput>(`/api/people/${personId}/emails`, options),
  addEmail: (personId: string, email: string) =>
    request<EmailsOutput>('POST', `/api/people/${personId}/emails`, { email } satisfies AddEmailInput),
  removeEmail: (personId: string, email: string) =>
    request<EmailsOutput>('DELETE', `/api/people/${personId}/emails/${encodeURIComponent(email)}`),
  readiness: (personId: string, track?: string, stage?: string, options?: RequestOptions) => {
    const params = new URLSearchParams();
    if (track) params.set('track', track);
    if (stage) params.set('stage', stage);
    return get<ReadinessOutput>(`/api/people/${personId}/readiness?${params}`, options);
  },
};

/**
 * Files to download, as plain links (`<a href download>`): the browser sends the session cookie
 * with them (reads need no CSRF token) and saves the answer under the server's dated file name.
 */
export const downloads = {
  /** The whole installation's backup (admins only; the same document as `leadway export FILE`). */
  backup: '/api/backup',
  /** Everything about the person that they can see, as JSON (the person themself only). */
  personalData: (personId: string) => `/api/people/${encodeURIComponent(personId)}/export`,
  /** The person's journal in a format the journal import reads: CSV, or a zip of Markdown files. */
  journal: (personId: string, format: JournalExportFormat) =>
    `/api/people/${encodeURIComponent(personId)}/journal/export?format=${format}`,
};
