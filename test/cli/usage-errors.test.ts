import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, leadway, leadwayProcess } from '../helpers/cli.ts';

const KINDS =
  'review, pairing, mentoring, presentation, proposal, incident, delivery, relationship, document, status-report, other';

let cwd: string;
let env: NodeJS.ProcessEnv;
let goalId: string;
let entryId: string;
const run = (...args: string[]) => leadway(env, cwd, ...args);

/** Usage mistakes and failures alike are words: no JSON, no stack trace, no field names of the API. */
function expectWords(res: CliRun) {
  expect(res.stderr).not.toMatch(/[{}]|\n\s+at |"code"|VALIDATION_FAILED|occurredOn|dueOn|links\.0/);
}

beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-usage-'));
  env = { ...process.env, LEADWAY_DATA: path.join(cwd, 'data'), NODE_ENV: 'test' };
  expect((await run('init', '--name', 'Łukasz Żółć', '--email', 'lukasz@example.com', '--role', 'Dev')).code).toBe(0);
  goalId = (
    JSON.parse((await run('goal', 'add', '--area', 'vision', '--title', 'G', '--json')).stdout) as { id: string }
  ).id;
  entryId = (JSON.parse((await run('log', 'E', '--area', 'vision', '--json')).stdout) as { id: string }).id;
});
afterAll(() => {
  fs.rmSync(cwd, { recursive: true, force: true });
});

describe('the usage mistakes of issue 15, in a terminal', () => {
  // As their own processes: the exit code and the output are what a person sees.
  it.each<[string[], string]>([
    [
      ['log', 'X', '--area', 'vision', '--date', '2026-02-30'],
      '--date: 2026-02-30 is not a date that exists (use YYYY-MM-DD)',
    ],
    [['log', 'X', '--area', 'vision', '--kind', 'meeting'], `--kind: "meeting" is not one of: ${KINDS}`],
    [
      ['log', 'X', '--area', 'vision', '--link', 'notaurl'],
      '--link: "notaurl" must be an http(s) link, e.g. https://example.com/pr/42',
    ],
    [
      ['log', 'X', '--area', 'vision', '--visibility', 'everyone'],
      '--visibility: "everyone" is not one of: private, mentor, manager, team',
    ],
    [
      ['goal', 'add', '--area', 'vision', '--title', 'T', '--due', '2026-13-01'],
      '--due: 2026-13-01 is not a date that exists (use YYYY-MM-DD)',
    ],
  ])('leadway %j', async (args, line) => {
    const res = await leadwayProcess(env, cwd, ...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(`${line}\n`);
    expect(res.stdout).toBe('');
  });
});

describe('refused input, on every command that takes some', () => {
  // [arguments, exit code, the lines printed (each a string or a pattern)]
  const cases: Array<[string[], number, Array<string | RegExp>]> = [
    [
      ['log', 'X', '--area', 'vision', '--date', 'tomorrow', '--kind', 'meeting', '--link', 'a'],
      2,
      [
        '--date: "tomorrow" is not a date (use YYYY-MM-DD, e.g. 2026-11-20)',
        `--kind: "meeting" is not one of: ${KINDS}`,
        '--link: "a" must be an http(s) link, e.g. https://example.com/pr/42',
      ],
    ],
    [['log', 'X', '--area', 'nope'], 2, [/^--area: unknown area "nope" \(known: stepping-up, .*vision\)$/]],
    [['log', '', '--area', 'vision'], 2, ['<title>: must not be empty']],
    [['log', 'X'], 2, [/^Error: Say which area this shows with --area/]],
    [['init', '--name', 'X', '--email', 'bad', '--role', 'Dev'], 2, [/^--email: "bad" must be an email address/]],
    [
      ['goal', 'add', '--area', 'vision', '--title', 'x'.repeat(400)],
      2,
      ['--title: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is too long: at most 200 characters'],
    ],
    [['goal', 'add', '--area', 'nope', '--title', 'T'], 2, [/^--area: Unknown area "nope"\. Known areas: /]],
    [
      ['goal', 'update', 'GOAL', '--due', '2026-02-30'],
      2,
      ['--due: 2026-02-30 is not a date that exists (use YYYY-MM-DD)'],
    ],
    [['goal', 'update', 'GOAL', '--status', 'later'], 2, [/^Error: --status takes one of planned, active/]],
    [
      ['goal', 'action', 'GOAL', '--add', 'A', '--due', 'nope'],
      2,
      ['--due: "nope" is not a date (use YYYY-MM-DD, e.g. 2026-11-20)'],
    ],
    [['goal', 'checkin', 'GOAL', '--note', ' ', '--confidence', '3'], 2, [/^--note: write a line/]],
    [['goal', 'checkin', 'GOAL', '--note', 'x', '--confidence', '9'], 2, [/^Error: --confidence takes/]],
    [
      ['journal', 'list', '--from', '2026-02-30', '--kind', 'meeting'],
      2,
      [`--kind: "meeting" is not one of: ${KINDS}`, '--from: 2026-02-30 is not a date that exists (use YYYY-MM-DD)'],
    ],
    [
      ['journal', 'edit', 'ENTRY', '--visibility', 'all', '--link', 'ftp:x'],
      2,
      [
        '--link: "ftp:x" must be an http(s) link, e.g. https://example.com/pr/42',
        '--visibility: "all" is not one of: private, mentor, manager, team',
      ],
    ],
    [['emails', 'add', 'bad'], 2, ['<email>: "bad" is not an email address.']],
    [['assess', '--level', 'ownership=7'], 2, ['Error: --level ownership=7: levels run from 1 to 4.']],
    [['assess', '--level', 'leadership=2'], 2, [/^Error: Unknown area "leadership"/]],
    [
      ['path', '--answer', 'q-nope=3', '--why', 'x'],
      2,
      [/^Some reflection answers are missing/, /^--answer [a-z-]+: answer this question/],
    ],
    [['next', '--limit', 'many'], 2, [/^Error: --limit takes a whole number/]],
    [['report', '--format', 'docx'], 2, ['Error: --format takes one of md, html, pdf, json.']],
    [['report', '--track', 'wizard'], 2, [/^--track: /]],
    [['demo', '--people', '0'], 2, [/^Error: --people expects a whole number/]],
    [['log'], 2, [/missing required argument 'title'/]],
    // Not usage mistakes: their own exit code, and words too.
    [['journal', 'edit', 'nope', '--title', 'x'], 1, ['Error: No entry with id "nope".']],
    [['goal', 'checkin', 'nope', '--note', 'x', '--confidence', '3'], 1, ['Error: No goal with id "nope".']],
    [['summary', '--person', 'ghost@example.com'], 1, [/^Error: No profile with email ghost@example\.com/]],
    [['framework', 'import', 'missing.json'], 1, [/^Error: Cannot read .*missing\.json: no such file/]],
    [['git', 'import', '/no/such/folder'], 1, [/^Error: No such folder/]],
  ];

  // GOAL and ENTRY stand for the ids made in beforeAll.
  it.each(cases.map(([args, code, lines]) => [args.join(' ').slice(0, 70), args, code, lines] as const))(
    'leadway %s',
    async (_label, args, code, lines) => {
      const res = await run(...args.map((a) => (a === 'GOAL' ? goalId : a === 'ENTRY' ? entryId : a)));
      expect(res.code, res.stderr).toBe(code);
      expectWords(res);
      const printed = res.stderr.trimEnd().split('\n');
      // Exactly these lines, one per problem; patterns may match any line.
      if (lines.every((line) => typeof line === 'string')) expect(printed).toEqual(lines);
      for (const line of lines) {
        if (typeof line !== 'string')
          expect(
            printed.some((p) => line.test(p)),
            res.stderr,
          ).toBe(true);
      }
    },
  );

  it('lists the accepted values and the exit codes in the help', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 done; 1 the request failed .*\n2 a usage mistake/);
    const log = await run('log', '--help');
    expect(log.stdout).toContain('what kind of evidence: review, pairing, mentoring,');
    expect(log.stdout).toMatch(/who may see it: private, mentor, manager, team/);
    expect(log.stdout).toMatch(/Area ids: stepping-up/);
  });
});
