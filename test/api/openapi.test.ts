import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { testContext } from '../helpers/factories.ts';

/**
 * The OpenAPI document at /api/docs is a contract clients can build on: every operation says what
 * it takes and what comes back (success and errors), it passes a standard linter, and a client
 * generated from it type-checks against real usage and against the server's own contracts.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Operations that take no body although they change something. */
const BODYLESS = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/logout-everywhere',
  'POST /api/pending-invitations/{invitationId}/link',
]);

/** Operations reachable without signing in (`security: []`). */
const PUBLIC = [
  'GET /api/health',
  'GET /api/auth/state',
  'POST /api/auth/signup',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/invitations/{token}',
  'POST /api/invitations/{token}/accept',
  // Only before the first account exists (a new installation restoring an old one).
  'POST /api/backup',
];

interface MediaType {
  schema?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const isEmptySchema = (schema: Record<string, unknown> | undefined) => !schema || Object.keys(schema).length === 0;

/** What is missing or wrong in one operation, as readable lines. */
function problemsOf(key: string, op: Operation): string[] {
  const problems: string[] = [];
  const [method = ''] = key.split(' ');
  const responses = op.responses ?? {};
  const statuses = Object.keys(responses);
  if (!op.summary?.trim()) problems.push(`${key}: no summary`);
  if (!op.operationId) problems.push(`${key}: no operationId`);
  const body = op.requestBody?.content?.['application/json']?.schema;
  if (['POST', 'PUT', 'PATCH'].includes(method) && !BODYLESS.has(key) && isEmptySchema(body))
    problems.push(`${key}: no request body schema`);
  const successes = statuses.filter((s) => s.startsWith('2'));
  if (successes.length === 0) problems.push(`${key}: no 2xx response`);
  for (const status of successes) {
    const content = responses[status]?.content;
    if (status === '204') {
      if (content) problems.push(`${key}: 204 with a body`);
    } else if (!content || Object.values(content).some((media) => isEmptySchema(media.schema))) {
      problems.push(`${key}: ${status} without a schema`);
    }
  }
  const errors = statuses.filter((s) => s.startsWith('4'));
  if (errors.length === 0) problems.push(`${key}: no 4xx response`);
  for (const status of errors) {
    const schema = responses[status]?.content?.['application/json']?.schema;
    if (schema?.$ref !== '#/components/schemas/Error') problems.push(`${key}: ${status} without the error body`);
  }
  // The statuses the server gives for what every request, a body or a path parameter can get wrong.
  const expected = ['400', '401', '403'];
  if (op.requestBody) expected.push('413', '415');
  if (op.parameters?.some((p) => p.in === 'path')) expected.push('404', '414');
  for (const status of expected) if (!statuses.includes(status)) problems.push(`${key}: ${status} not listed`);
  return problems;
}

/** Typed calls a client would write, checked against the generated types and the server's contracts. */
const USAGE = `
import type { components, operations, paths } from './leadway-api';
import type { AuthStateOutput, SignupInput } from '${ROOT}src/contracts/auth.ts';
import type { GitImportOutput } from '${ROOT}src/contracts/git.ts';
import type { CreateEntryInput, EntriesOutput, EntryOutput } from '${ROOT}src/contracts/journal.ts';
import type { ReadinessOutput } from '${ROOT}src/contracts/report.ts';
import type { RoundOutput } from '${ROOT}src/contracts/rounds.ts';

type Body<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type Answer<Op extends keyof operations, Status extends number> = operations[Op]['responses'] extends Record<
  Status,
  { content: { 'application/json': infer B } }
>
  ? B
  : never;
/** True only when both types accept exactly the same values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const signUp: Body<'signUp'> = {
  name: 'Ada',
  email: 'ada@example.com',
  password: 'correct horse battery',
  roleTitle: 'Developer',
};
// @ts-expect-error unknown fields are refused (additionalProperties: false)
export const typo: Body<'signUp'> = { name: 'Ada', email: 'a@b.c', password: 'x', roleTitle: 'y', nmae: 'z' };
export const entry: Body<'createEntry'> = { title: 'Shipped the importer', areas: ['delivery'] };
export const path: keyof paths = '/api/people/{personId}/entries';

export const checks: Array<true> = [
  true satisfies Same<Body<'signUp'>, SignupInput>,
  true satisfies Same<Body<'createEntry'>, CreateEntryInput>,
  true satisfies Same<Answer<'getAuthState', 200>, AuthStateOutput>,
  true satisfies Same<Answer<'createEntry', 201>, EntryOutput>,
  true satisfies Same<Answer<'listEntries', 200>, EntriesOutput>,
  true satisfies Same<Answer<'listRounds', 200>, RoundOutput[]>,
  true satisfies Same<Answer<'importRepository', 200>, GitImportOutput>,
  true satisfies Same<Answer<'getReadiness', 200>, ReadinessOutput>,
];

export function describeError(error: components['schemas']['Error']): string {
  return \`\${error.error.code}: \${error.error.message} \${Object.keys(error.error.fields ?? {}).join(', ')}\`;
}
export const noBody: operations['deleteEntry']['responses'][204]['content'] = undefined as never;
export const pdf: operations['exportReadiness']['responses'][200]['content']['application/pdf'] = 'bytes';
`;

/** Runs the linter's command line (no network: telemetry and update checks are off) and reads its JSON report. */
function redoclyLint(file: string): Promise<{
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
}> {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'redocly');
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' };
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      ['lint', '--extends=recommended', '--format=json', '--max-problems=1000', file],
      { env, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Exit code 1 with a report means "problems found"; anything else is a failure to run.
        const start = stdout.indexOf('{');
        if (start < 0) return reject(new Error(`redocly did not report: ${error?.message ?? ''} ${stderr}`));
        resolve(JSON.parse(stdout.slice(start)));
      },
    );
  });
}

describe('the OpenAPI document', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let document: Document;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp({ ctx: testContext(database.db) });
    await app.ready();
    document = app.swagger() as unknown as Document;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-openapi-'));
    fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document, null, 2));
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([url, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${url}`, op })),
    );

  it('says for every operation what it takes, what comes back and how it fails', () => {
    expect(operations().length).toBeGreaterThan(55);
    const problems = operations().flatMap(({ key, op }) => problemsOf(key, op));
    expect(problems).toEqual([]);
    const ids = operations().map(({ op }) => op.operationId);
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'operationIds used twice',
    ).toEqual([]);
  });

  it('asks for a session or an API token everywhere but on the public operations', () => {
    const open = operations()
      .filter(({ op }) => Array.isArray(op.security) && op.security.length === 0)
      .map(({ key }) => key);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it('would notice an operation that documents nothing', () => {
    expect(
      problemsOf('POST /api/probe/{id}', { requestBody: { content: { 'application/json': { schema: {} } } } }),
    ).toEqual([
      'POST /api/probe/{id}: no summary',
      'POST /api/probe/{id}: no operationId',
      'POST /api/probe/{id}: no request body schema',
      'POST /api/probe/{id}: no 2xx response',
      'POST /api/probe/{id}: no 4xx response',
      ...['400', '401', '403', '413', '415'].map((s) => `POST /api/probe/{id}: ${s} not listed`),
    ]);
  });

  it('passes redocly lint with the recommended rules, without errors or warnings', async () => {
    const report = await redoclyLint(path.join(dir, 'openapi.json'));
    const lines = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(lines).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('generates a TypeScript client whose types match the contracts', async () => {
    const ast = await openapiTS(document as never, { additionalProperties: false });
    fs.writeFileSync(path.join(dir, 'leadway-api.ts'), astToString(ast));
    const usage = path.join(dir, 'usage.ts');
    fs.writeFileSync(usage, USAGE);
    const program = ts.createProgram([usage], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      noUncheckedIndexedAccess: true,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
