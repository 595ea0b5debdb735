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

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('NETWORK', 'Leadway’s server cannot be reached. Is `npm start` still running?');
  }
  const data = (await response.json().catch(() => null)) as unknown;
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

/** Typed calls to the Leadway API; the types come from the server's contracts. */
export const api = {
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
};
