import { type AddressInfo, connect } from 'node:net';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/**
 * Fuzzes every operation of the OpenAPI document with malformed and hostile input, signed in as an
 * ordinary member: broken path parameters, wrong bodies, wrong query strings, odd methods and
 * content types. Every answer must be below 500; every error must be exactly
 * `{ error: { code, message, fields? } }` without a stack trace; no NUL character is ever accepted.
 *
 * The choices are drawn from a seeded generator: LEADWAY_FUZZ_SEED=<n> replays (or varies) a run,
 * LEADWAY_FUZZ_CASES=<n> raises the number of sampled cases per operation and kind (default 70;
 * whole-body and field-specific cases always run). A failure prints each class with one request.
 */

const SEED = Number(process.env.LEADWAY_FUZZ_SEED ?? 20260105) >>> 0;
const CASES_PER_OPERATION = Number(process.env.LEADWAY_FUZZ_CASES ?? 70);
/** Operations that hash a password or render a PDF get fewer cases (each costs ~50 ms). */
const SLOW_CASES = 12;
/** Operations only an admin may call: the member is refused before the body is read, so the admin fuzzes them. */
const ADMIN_ONLY = new Set([
  'PUT /api/framework',
  'POST /api/backup',
  'POST /api/people',
  'POST /api/invitations',
  'POST /api/git/repositories',
  'POST /api/git/repositories/{repositoryId}/import',
]);

/** mulberry32: small, fast, deterministic. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** Up to n items, in a seeded order. */
    sample: <T>(items: readonly T[], n: number): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, n);
    },
  };
}

/** A stable number from a text, so each operation draws the same sample whatever ran before it. */
function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Path parameter values, already as they appear in the URL (some deliberately badly escaped). */
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%00%00%00',
  'x'.repeat(500),
  'x'.repeat(101),
  'x'.repeat(100),
  '%ZZ',
  '%',
  'abc%',
  '%FF%FE',
  '%E2%82',
  '%C0%AF',
  '%u0000',
  encodeURIComponent('ünïcødé'),
  encodeURIComponent('😀'),
  encodeURIComponent('\u202egnp.exe'),
  encodeURIComponent('\uFEFF'),
  encodeURIComponent("' OR '1'='1"),
  encodeURIComponent('"; DROP TABLE people; --'),
  encodeURIComponent('<script>alert(1)</script>'),
  '..%2F..%2Fetc%2Fpasswd',
  '%2E%2E',
  '%20',
  '%0A%0D',
  encodeURIComponent('%'),
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
];

/** Values put in place of one body field. */
const HOSTILE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  true,
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x'.repeat(100_000),
  'ünï😀\u202e\uFEFF',
  '2026-13-45',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  "'; DROP TABLE people; --",
  '<img src=x onerror=alert(1)>',
  '__proto__',
  [],
  ['a\u0000b'],
  [null],
  Array.from({ length: 2000 }, (_, i) => `item-${i}`),
  {},
  { nested: { deeper: { deepest: 'a\u0000b' } } },
  { 'key\u0000': 1 },
];

/** Whole bodies, as raw JSON text (so prototype keys reach the parser as sent). */
const HOSTILE_RAW_BODIES = [
  '{}',
  '[]',
  '[{}]',
  'null',
  '"text"',
  '"a\\u0000b"',
  '0',
  '-1',
  'true',
  '1e400',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1,"a":2}',
  '{"\\u0000":"x"}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  JSON.stringify({ x: 'y'.repeat(900_000) }),
];

/** Query string values (raw, in the URL). */
const HOSTILE_QUERY_VALUES = [
  'abc',
  '-1',
  '0',
  '1.5',
  '1e999',
  '99999999999999999999',
  '',
  '%00',
  'a%00b',
  '%ZZ',
  '%FF%FE',
  'x'.repeat(5000),
  '__proto__',
  encodeURIComponent('ünï😀'),
  encodeURIComponent("' OR 1=1 --"),
  'true',
  'null',
  // Full-text search syntax of SQLite FTS5 and PostgreSQL tsquery, and odd dates.
  ...[
    '"',
    'a"b',
    '*',
    'a*',
    'NEAR(a b',
    'title:x',
    '(',
    ')',
    '^a',
    '-a',
    'a & b | !c',
    'a:*',
    "'",
    '\\',
    'AND OR NOT',
  ].map(encodeURIComponent),
  '2026-02-30',
  '275760-09-13',
  '%E2%80%8B',
];

/** Values that only make sense for some fields, always sent to the fields whose name matches. */
const FIELD_SPECIFIC: Array<[RegExp, unknown[]]> = [
  [
    /On$|^from$|^to$|date/i,
    ['2026-02-30', '2026-02-29', '275760-09-13', '-000001-01-01', '2026-1-1', '20260105', '2026-01-05T00:00:00Z'],
  ],
  [
    /^(body|content|why|successCriteria|note|comment|description)$/,
    [
      '>'.repeat(45_000),
      '['.repeat(45_000),
      `${'*'.repeat(20_000)}a${'*'.repeat(20_000)}`,
      `${'<div>'.repeat(9_000)}`,
      '- '.repeat(20_000),
      `${'    '.repeat(1_000)}- a`,
      '---\na: &a [*a, *a]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n---\nbody',
      '---\n!!js/function "function () { return 1 }"\n---\n',
      '---\n{ unterminated\n---\n',
      '"a,b\n"c,d',
      'date,title,areas\n2026-02-30,x,alpha\n,,\n"unclosed',
      '\uD800\uDFFF\uD800',
      '\r\n\r\n\r\n',
    ],
  ],
];

// ---------------------------------------------------------------------------------------------
// The OpenAPI document

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  default?: unknown;
  nullable?: boolean;
}

interface Operation {
  method: string;
  /** OpenAPI path, with {name} placeholders. */
  path: string;
  params: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  /** undefined: no body documented. */
  body: JsonSchema | undefined;
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? []) as Array<{ in: string; name: string; schema: JsonSchema }>;
      const body = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: body ?? (['POST', 'PUT', 'PATCH'].includes(method.toUpperCase()) ? {} : undefined),
      });
    }
  }
  // Deletions last, so the objects the other operations aim at still exist while they run.
  return ops.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

/** A plausible value for a schema: the starting point that one mutation at a time then breaks. */
function sampleOf(schema: JsonSchema | undefined, name: string, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return sampleOf(alternatives.find((s) => s.type !== 'null') ?? alternatives[0], name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (/On$|date|from|to$/i.test(name)) return '2026-01-05';
      if (/email/i.test(name)) return 'fuzz@example.com';
      if (/^areaId$|^areas?$/i.test(name)) return 'alpha';
      if (name === 'frameworkActionId') return 'alpha-action-1';
      if (name === 'track') return 'manager';
      if (name === 'stage') return 'lead';
      const text = 'fuzz text';
      return text.slice(0, schema.maxLength ?? text.length).padEnd(schema.minLength ?? 0, 'z');
    }
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return false;
    case 'array': {
      const item = sampleOf(schema.items, name, depth + 1);
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'object':
    case undefined: {
      if (!schema.properties) return {};
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties)) {
        const value = sampleOf(child, key, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Cases, answers and failures

interface Case {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw body text, sent as is. */
  payload?: string;
  /** Whose token signs the request: the member (default), the throwaway member, the admin, or none/garbage. */
  as?: 'member' | 'spare' | 'admin' | 'raw';
  /** The request carries U+0000 somewhere the server reads (param, query or body). */
  carriesNul: boolean;
  /** The success body is a file (PDF, …): checked for status only. */
  download?: boolean;
}

interface Failure {
  kind: string;
  request: string;
  answer: string;
}

const STACK_TRACE = [/\bat .*\.(ts|js|mjs|cjs):\d+/, /Error:[^\n]*\n\s+at /, /node_modules\//];

function clip(text: string, max = 240): string {
  const shown = text.replaceAll('\u0000', '\\u0000');
  return shown.length > max ? `${shown.slice(0, max)}…(${shown.length} chars)` : shown;
}

function describeRequest(c: Case): string {
  const type = c.headers['content-type'] ? ` [${c.headers['content-type']}]` : '';
  const body = c.payload === undefined ? '' : ` body=${clip(c.payload, 160)}`;
  const who = c.as && c.as !== 'member' ? ` as ${c.as}` : '';
  return `${c.method} ${clip(c.url, 200)}${type}${body}${who} (${c.label})`;
}

/** Why an answer breaks the contract, or null. */
function problemWith(c: Case, res: LightMyRequestResponse): string | null {
  const status = res.statusCode;
  if (status >= 500) return `${status} server error`;
  const text = res.body;
  const isFile = c.download && status < 400;
  if (!isFile) for (const pattern of STACK_TRACE) if (pattern.test(text)) return 'stack trace in the answer';
  if (c.carriesNul && status < 400) return `NUL character accepted with ${status}`;
  if (status < 400) return null;
  if (c.method === 'HEAD') return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} error body is not JSON`;
  }
  if (!/^application\/json/.test(String(res.headers['content-type']))) return `${status} error is not application/json`;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return `${status} error body is not an object`;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return `${status} error body has keys ${keys.join(',')}`;
  const error = (body as { error: unknown }).error;
  if (error === null || typeof error !== 'object' || Array.isArray(error)) return `${status} "error" is not an object`;
  const inner = error as Record<string, unknown>;
  const extra = Object.keys(inner).filter((k) => !['code', 'message', 'fields'].includes(k));
  if (extra.length > 0) return `${status} error has extra keys ${extra.join(',')}`;
  if (typeof inner.code !== 'string' || inner.code.length === 0) return `${status} error.code is not a string`;
  if (/^FST_/.test(inner.code)) return `${status} Fastify's code ${inner.code} leaks out`;
  if (typeof inner.message !== 'string' || inner.message.length === 0) return `${status} error.message is not a string`;
  if ('fields' in inner) {
    const fields = inner.fields;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields))
      return `${status} error.fields is not an object`;
    if (Object.values(fields).some((v) => typeof v !== 'string')) return `${status} error.fields has a non-string`;
  }
  return null;
}

/** One line per class of failure (problem × operation) with its first reproducing request. */
function reportOf(failures: Failure[], maxClasses = 40): string {
  const byKind = new Map<string, Failure[]>();
  for (const f of failures) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  const lines = [`${failures.length} answers broke the contract (seed ${SEED}), ${byKind.size} classes:`];
  for (const [kind, list] of [...byKind].slice(0, maxClasses)) {
    lines.push(`- ${kind} ×${list.length}`, `    ${list[0]?.request}`, `    → ${list[0]?.answer}`);
  }
  if (byKind.size > maxClasses) lines.push(`… and ${byKind.size - maxClasses} more classes`);
  return lines.join('\n');
}

function expectNoFailures(failures: Failure[]) {
  expect(failures.length, reportOf(failures)).toBe(0);
}

describe.each(ENGINES)('fuzzing every API operation on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;
  let member: SignedIn;
  /** A second member for the sign-out, password and token routes, so the member's token survives. */
  let spare: SignedIn;
  let peer: SignedIn;
  let operations: Operation[];
  const ids: Record<string, string> = {};

  /** Fresh objects for the member (earlier cases may have changed or deleted the previous ones). */
  async function seedObjects() {
    const me = member.personId;
    const entry = await member.call('POST', `/api/people/${me}/entries`, {
      title: 'Fuzz entry',
      areas: ['alpha'],
      occurredOn: '2026-01-02',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    ids.entry = (entry.json() as { id: string }).id;
    const goal = await member.call('POST', `/api/people/${me}/goals`, { title: 'Fuzz goal', areaId: 'beta' });
    expect(goal.statusCode, goal.body).toBe(201);
    ids.goal = (goal.json() as { id: string }).id;
    const action = await member.call('POST', `/api/goals/${ids.goal}/actions`, { title: 'First step' });
    expect(action.statusCode, action.body).toBe(201);
    ids.goalAction = (action.json() as { actions: Array<{ id: string }> }).actions[0]?.id as string;
    const invitation = await admin.call('POST', '/api/invitations', { email: `pending-${ids.entry}@example.com` });
    expect(invitation.statusCode, invitation.body).toBe(201);
    ids.invitation = (invitation.json() as { token: string }).token;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    member = await inviteAndJoin(app, admin, {
      email: 'member@example.com',
      name: 'Member',
      team: 'core',
      managerId: admin.personId,
    });
    spare = await inviteAndJoin(app, admin, { email: 'spare@example.com', name: 'Spare', team: 'core' });
    peer = await inviteAndJoin(app, admin, { email: 'peer@example.com', name: 'Peer', team: 'core' });
    ids.me = member.personId;
    ids.peer = peer.personId;
    ids.admin = admin.personId;
    const peerEntry = await peer.call('POST', `/api/people/${peer.personId}/entries`, {
      title: 'Private peer entry',
      areas: ['alpha'],
      visibility: 'private',
      occurredOn: '2026-01-02',
    });
    ids.peerEntry = (peerEntry.json() as { id: string }).id;
    const assessed = await member.call('POST', `/api/people/${member.personId}/assessments`, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 2 })),
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    ids.assessment = (assessed.json() as { id: string }).id;
    const tokens = (await member.call('GET', '/api/auth/tokens')).json() as Array<{ id: string }>;
    ids.memberToken = tokens[0]?.id ?? 'none';
    const round = await member.call('POST', `/api/people/${member.personId}/rounds`, {
      raters: [{ personId: peer.personId, relation: 'peer' }],
    });
    ids.round = round.statusCode < 300 ? ((round.json() as { id?: string }).id ?? 'none') : 'none';
    await seedObjects();
    await app.ready();
    operations = operationsOf(app.swagger() as never);
    expect(operations.length).toBeGreaterThan(40);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  /** The real id a path parameter normally takes (the member's own objects). */
  function realParam(op: Operation, name: string): string {
    switch (name) {
      case 'personId':
        return ids.me as string;
      case 'entryId':
        return ids.entry as string;
      case 'goalId':
        return ids.goal as string;
      case 'actionId':
        return op.path.startsWith('/api/goals/') ? (ids.goalAction as string) : 'alpha-action-1';
      case 'assessmentId':
        return ids.assessment as string;
      case 'tokenId':
        // Asked by the spare member: the member's token is someone else's, so it must stay alive.
        return ids.memberToken as string;
      case 'token':
        return ids.invitation as string;
      case 'email':
        return encodeURIComponent('member@example.com');
      case 'roundId':
        return ids.round as string;
      default:
        return 'no-such-id';
    }
  }

  /** Other people's ids and ids of the wrong kind, for any parameter. */
  const otherIds = () =>
    [ids.peer, ids.admin, ids.peerEntry, ids.goal, ids.assessment, ids.goalAction, ids.round].filter((x): x is string =>
      Boolean(x),
    );

  function urlOf(op: Operation, params: Record<string, string>, query = ''): string {
    let url = op.path;
    for (const name of op.params) url = url.replace(`{${name}}`, params[name] ?? realParam(op, name));
    return query ? `${url}?${query}` : url;
  }

  const isAuthRoute = (op: Operation) => op.path.startsWith('/api/auth/');
  const isSlow = (op: Operation) =>
    /\/auth\/(password|login|signup)$|\/accept$|\/readiness\/export$|\/backup$/.test(op.path);

  /** A plausible body for the operation (the routes whose schema is open get a hand-written one). */
  function baseBody(op: Operation): unknown {
    const key = `${op.method} ${op.path}`;
    const templates: Record<string, unknown> = {
      'POST /api/auth/signup': {
        name: 'Fuzz',
        email: 'fuzz@example.com',
        password: 'long enough password',
        roleTitle: 'Dev',
      },
      'POST /api/auth/login': { email: 'spare@example.com', password: 'not the password' },
      'POST /api/auth/password': { current: 'not the password', next: 'another long password' },
      'POST /api/invitations': { email: 'invitee@example.com', team: 'core' },
      'POST /api/invitations/{token}/accept': { name: 'Fuzz', password: 'short', roleTitle: 'Dev' },
      'POST /api/people/{personId}/rounds': { raters: [{ personId: ids.peer, relation: 'peer' }] },
      'POST /api/rounds/{roundId}/ratings': { ratings: [{ areaId: 'alpha', level: 2 }] },
      'PUT /api/framework': { format: 'leadway.framework/v1', id: 'fuzz' },
      'POST /api/backup': { format: 'leadway.backup/v1', tables: {} },
    };
    if (key in templates) return templates[key];
    return sampleOf(op.body, 'body') ?? {};
  }

  const json = { 'content-type': 'application/json' };

  function request(c: Case): Promise<LightMyRequestResponse> {
    const who = c.as ?? 'member';
    const headers: Record<string, string> = { ...c.headers };
    if (who !== 'raw') headers.authorization = `Bearer ${{ member, spare, admin }[who].token}`;
    const options: InjectOptions = { method: c.method as InjectOptions['method'], url: c.url, headers };
    if (c.payload !== undefined) options.payload = c.payload;
    return app.inject(options);
  }

  /** Sends the cases (a seeded sample when there are more than the operation's budget) and collects failures. */
  async function run(op: Operation, cases: Case[], failures: Failure[], limit = CASES_PER_OPERATION) {
    const budget = isSlow(op) ? Math.min(limit, SLOW_CASES) : limit;
    const rng = generator(SEED ^ hashOf(`${op.method} ${op.path} ${cases[0]?.label ?? ''}`));
    const chosen = cases.length > budget ? rng.sample(cases, budget) : cases;
    for (const raw of chosen) {
      const c: Case = {
        ...raw,
        as: raw.as ?? (isAuthRoute(op) ? 'spare' : 'member'),
        download: /\/export$|\/backup$/.test(op.path),
      };
      let res: LightMyRequestResponse;
      try {
        res = await request(c);
      } catch (error) {
        failures.push({
          kind: `inject threw on ${op.method} ${op.path}`,
          request: describeRequest(c),
          answer: String(error),
        });
        continue;
      }
      const problem = problemWith(c, res);
      if (problem) {
        failures.push({
          kind: `${problem}: ${op.method} ${op.path}`,
          request: describeRequest(c),
          answer: `${res.statusCode} ${clip(res.body, 300)}`,
        });
      }
    }
  }

  const bodyText = (op: Operation, body: unknown) => (op.body === undefined ? undefined : JSON.stringify(body));
  const bodyHeaders = (op: Operation) => (op.body === undefined ? {} : json);
  const hasNul = (value: unknown) => JSON.stringify(value ?? null).includes('\\u0000');

  it('answers hostile path parameters with a 4xx in the error shape', async () => {
    await seedObjects();
    const failures: Failure[] = [];
    for (const op of operations.filter((o) => o.params.length > 0)) {
      const cases: Case[] = [];
      const body = baseBody(op);
      for (const name of op.params) {
        for (const value of [...HOSTILE_SEGMENTS, ...otherIds(), realParam(op, name)]) {
          cases.push({
            label: `param ${name}`,
            method: op.method,
            url: urlOf(op, { [name]: value }),
            headers: bodyHeaders(op),
            payload: bodyText(op, body),
            carriesNul: /%00/i.test(value),
          });
        }
      }
      await run(op, cases, failures);
    }
    expectNoFailures(failures);
  });

  /** Whole hostile bodies (always sent), then one field at a time broken (sampled). */
  function bodyCases(op: Operation, as?: Case['as']): { always: Case[]; sampled: Case[] } {
    const url = urlOf(op, {});
    const base = baseBody(op);
    const always: Case[] = HOSTILE_RAW_BODIES.map((payload) => ({
      label: 'whole body',
      method: op.method,
      url,
      headers: json,
      payload,
      as,
      carriesNul: payload.includes('\\u0000'),
    }));
    const sampled: Case[] = [];
    const add = (label: string, mutated: unknown) =>
      sampled.push({
        label,
        method: op.method,
        url,
        headers: json,
        payload: JSON.stringify(mutated),
        as,
        carriesNul: hasNul(mutated),
      });
    const fields = base !== null && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base as object) : [];
    const withValue = (field: string, value: unknown) => {
      // Built with defineProperty so "__proto__" is an own key that JSON.stringify sends.
      const mutated = { ...(base as Record<string, unknown>) };
      Object.defineProperty(mutated, field, { value, enumerable: true, configurable: true, writable: true });
      return mutated;
    };
    for (const field of fields) {
      for (const [pattern, values] of FIELD_SPECIFIC) {
        if (!pattern.test(field)) continue;
        for (const value of values) {
          const mutated = withValue(field, value);
          always.push({
            label: `field ${field}`,
            method: op.method,
            url,
            headers: json,
            payload: JSON.stringify(mutated),
            as,
            carriesNul: hasNul(mutated),
          });
        }
      }
    }
    for (const field of [...fields, 'unexpectedExtra', '__proto__', 'constructor']) {
      for (const value of HOSTILE_VALUES) {
        add(`field ${field}`, withValue(field, value));
      }
    }
    // One level deeper: the first item of each array of objects.
    for (const field of fields) {
      const list = (base as Record<string, unknown>)[field];
      const first = Array.isArray(list) ? list[0] : undefined;
      if (first === null || typeof first !== 'object') continue;
      for (const inner of Object.keys(first as object)) {
        const special = FIELD_SPECIFIC.filter(([pattern]) => pattern.test(inner)).flatMap(([, values]) => values);
        for (const value of [...HOSTILE_VALUES, ...special]) {
          add(`field ${field}.0.${inner}`, {
            ...(base as Record<string, unknown>),
            [field]: [{ ...(first as Record<string, unknown>), [inner]: value }],
          });
        }
      }
    }
    return { always, sampled };
  }

  it('answers hostile bodies with a 4xx in the error shape', async () => {
    await seedObjects();
    const failures: Failure[] = [];
    for (const op of operations.filter((o) => o.body !== undefined)) {
      const { always, sampled } = bodyCases(op);
      await run(op, always, failures, Number.POSITIVE_INFINITY);
      await run(op, sampled, failures);
    }
    expectNoFailures(failures);
  });

  it('answers hostile bodies to the admin-only operations, sent by the admin, with a 4xx in the error shape', async () => {
    const failures: Failure[] = [];
    for (const op of operations.filter((o) => ADMIN_ONLY.has(`${o.method} ${o.path}`))) {
      const { always, sampled } = bodyCases(op, 'admin');
      await run(op, always, failures, Number.POSITIVE_INFINITY);
      await run(op, sampled, failures);
    }
    // Still the only framework: no fuzzed document was installed.
    const versions = (await admin.call('GET', '/api/framework/versions')).json() as unknown[];
    expect(versions).toHaveLength(1);
    expectNoFailures(failures);
  });

  it('answers hostile query strings with a 4xx in the error shape', async () => {
    await seedObjects();
    const failures: Failure[] = [];
    for (const op of operations) {
      const cases: Case[] = [];
      const declared = op.query.map((q) => q.name);
      for (const name of [...declared, 'unexpected', '__proto__', 'constructor[prototype]']) {
        // Undeclared names are refused or ignored whatever their value: a few values suffice.
        const values = declared.includes(name) ? HOSTILE_QUERY_VALUES : ['abc', '%00', '%ZZ', 'x'.repeat(5000)];
        for (const value of values) {
          cases.push({
            label: `query ${name}`,
            method: op.method,
            url: urlOf(op, {}, `${name}=${value}`),
            headers: bodyHeaders(op),
            payload: bodyText(op, baseBody(op)),
            // The query parser drops a "__proto__" key, so its value never reaches the server.
            carriesNul: /%00/i.test(value) && name !== '__proto__',
          });
        }
        cases.push({
          label: `query ${name} twice`,
          method: op.method,
          url: urlOf(op, {}, `${name}=1&${name}=2`),
          headers: bodyHeaders(op),
          payload: bodyText(op, baseBody(op)),
          carriesNul: false,
        });
        cases.push({
          label: `query ${name}[]`,
          method: op.method,
          url: urlOf(op, {}, `${name}[]=1&${name}[a]=%00`),
          headers: bodyHeaders(op),
          payload: bodyText(op, baseBody(op)),
          carriesNul: true,
        });
      }
      // All of them: the search and date values matter on the few operations that take a query.
      await run(op, cases, failures, 400);
    }
    expectNoFailures(failures);
  });

  it('answers odd methods, content types, raw bodies and credentials with a 4xx in the error shape', async () => {
    await seedObjects();
    const failures: Failure[] = [];
    const paths = [...new Set(operations.map((o) => o.path))];
    for (const op of operations) {
      const url = urlOf(op, {});
      const body = bodyText(op, baseBody(op)) ?? '{}';
      const c = (label: string, extra: Partial<Case>): Case => ({
        label,
        method: op.method,
        url,
        headers: {},
        carriesNul: false,
        ...extra,
      });
      const cases: Case[] = [
        c('text/plain', { headers: { 'content-type': 'text/plain' }, payload: body }),
        c('form', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b&__proto__=x' }),
        c('xml', { headers: { 'content-type': 'application/xml' }, payload: '<a/>' }),
        c('multipart', { headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' }),
        c('no content type', { payload: body }),
        c('bad content type', { headers: { 'content-type': '%%%/;;;' }, payload: body }),
        c('json, latin1', { headers: { 'content-type': 'application/json; charset=latin1' }, payload: body }),
        c('json, empty', { headers: json, payload: '' }),
        c('json, broken', { headers: json, payload: '{"a":' }),
        c('json, trailing garbage', { headers: json, payload: `${body} x` }),
        c('json, too large', { headers: json, payload: `{"a":"${'x'.repeat(1024 * 1024 + 10)}"}` }),
        c('json body on any method', { headers: json, payload: '{"a":"b\\u0000"}', carriesNul: op.body !== undefined }),
        c('anonymous', { as: 'raw', headers: bodyHeaders(op), payload: bodyText(op, baseBody(op)) }),
        c('garbage bearer', { as: 'raw', headers: { ...bodyHeaders(op), authorization: 'Bearer lw_nope' } }),
        c('huge bearer', { as: 'raw', headers: { authorization: `Bearer ${'x'.repeat(10_000)}` } }),
        c('basic auth', { as: 'raw', headers: { authorization: 'Basic YTpi' } }),
        c('garbage cookie', { as: 'raw', headers: { cookie: 'leadway_session=%ZZ; x=%00' } }),
        c('trailing slash', { url: `${url}/` }),
        c('double slash', { url: url.replace('/api/', '/api//') }),
        c('HEAD', { method: 'HEAD' }),
        c('OPTIONS', { method: 'OPTIONS' }),
        c('PROPFIND', { method: 'PROPFIND' }),
      ];
      if (op.body !== undefined)
        cases.push(c('GET instead', { method: 'GET' }), c('DELETE instead', { method: 'DELETE' }));
      else cases.push(c('PUT instead', { method: 'PUT', headers: json, payload: '{}' }));
      await run(op, cases, failures);
    }
    // Paths that are not routes at all.
    const stray: Case[] = [
      '/api/nope',
      '/api/people/x/y/z',
      '/api/%ZZ',
      '/api/entries/%ZZ',
      '/api/entries/%',
      '/api/entries/%FF%FE',
      `/api/entries/${'x'.repeat(500)}`,
      '/api/people/%00',
      '/%00',
      '/api/docs/%00',
      `/api/${'a/'.repeat(2000)}`,
      `/api/people?${'a=1&'.repeat(2000)}`,
    ].flatMap((url) =>
      ['GET', 'POST', 'HEAD', 'OPTIONS'].map(
        (method): Case => ({
          label: 'stray',
          method,
          url,
          headers: method === 'POST' ? json : {},
          payload: method === 'POST' ? '{}' : undefined,
          carriesNul: false,
        }),
      ),
    );
    await run({ method: 'ANY', path: 'stray', params: [], query: [], body: undefined }, stray, failures);
    expect(paths.length).toBeGreaterThan(30);
    expectNoFailures(failures);
  });

  it('mixes random mutations, reproducible from the seed', async () => {
    await seedObjects();
    const failures: Failure[] = [];
    const rng = generator(SEED);
    for (const op of operations) {
      const cases: Case[] = [];
      for (let i = 0; i < 6; i++) {
        const params: Record<string, string> = {};
        for (const name of op.params) {
          params[name] = rng.next() < 0.5 ? realParam(op, name) : rng.pick([...HOSTILE_SEGMENTS, ...otherIds()]);
        }
        const query = op.query
          .filter(() => rng.next() < 0.5)
          .map((q) => `${q.name}=${rng.pick(HOSTILE_QUERY_VALUES)}`)
          .join('&');
        let body: unknown = baseBody(op);
        if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
          const mutated: Record<string, unknown> = { ...(body as Record<string, unknown>) };
          for (const key of Object.keys(mutated)) if (rng.next() < 0.4) mutated[key] = rng.pick(HOSTILE_VALUES);
          body = mutated;
        }
        const payload = bodyText(op, body);
        cases.push({
          label: `random #${i}`,
          method: op.method,
          url: urlOf(op, params, query),
          headers: bodyHeaders(op),
          payload,
          carriesNul:
            Object.values(params).some((p) => /%00/i.test(p)) ||
            /%00/i.test(query) ||
            (payload ?? '').includes('\\u0000'),
        });
      }
      await run(op, cases, failures);
    }
    expectNoFailures(failures);
  });

  it('answers what the HTTP parser refuses, on a real socket, in the error shape', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk;
        });
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
      });
    const requests = [
      'GARBAGE\r\n\r\n',
      `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Nul: a\u0000b\r\n\r\n',
      'GET /api/entries/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      `GET /api/entries/${'x'.repeat(500)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    ];
    for (const text of requests) {
      const answer = await raw(text);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const status = Number(head.split(' ')[1]);
      const what = `${clip(text, 80)} → ${clip(answer, 300)}`;
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
      const parsed = JSON.parse(body) as { error: { code: string; message: string } };
      expect(Object.keys(parsed), what).toEqual(['error']);
      expect(Object.keys(parsed.error).sort(), what).toEqual(['code', 'message']);
    }
  });

  it('leaves the member signed in after all that', async () => {
    const res = await member.call('GET', `/api/people/${member.personId}`);
    expect(res.statusCode, res.body).toBe(200);
  });
});
