import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of ARCHITECTURE.md that a reviewer would otherwise have to remember:
 * queries live only in src/db/ (repositories, migrations, the client and `inTransaction`),
 * routes reach the database only through services, and the web app takes from the server's code
 * only its contracts and pure domain rules (never services, the database or presenters).
 */
const SRC = path.dirname(fileURLToPath(import.meta.url));
const DB = path.join(SRC, 'db');
const ROUTES = path.join(SRC, 'server', 'routes');
const WEB = path.join(path.dirname(SRC), 'web');
/** What the web app may import from src/. */
const WEB_MAY_IMPORT = [path.join(SRC, 'contracts'), path.join(SRC, 'domain')];
const THIS_FILE = fileURLToPath(import.meta.url);

/** Kysely query building and running, by what gives it away in source. */
const QUERY_PATTERNS: Array<[string, RegExp]> = [
  ['selectFrom(', /\bselectFrom\s*\(/],
  ['insertInto(', /\binsertInto\s*\(/],
  ['updateTable(', /\bupdateTable\s*\(/],
  ['deleteFrom(', /\bdeleteFrom\s*\(/],
  ['replaceInto(', /\breplaceInto\s*\(/],
  ['mergeInto(', /\bmergeInto\s*\(/],
  ['.transaction()', /\.transaction\s*\(\s*\)/],
  ['sql`…` template', /\bsql\s*(<[^>`]*>)?\s*`/],
  ['.execute(db)', /\.execute\s*\(\s*(ctx\.db|db|trx)\s*\)/],
  ['db.execute…(', /(\bctx\.db|\bdb|\btrx)\s*\.\s*execute(Query)?\s*\(/],
];

/** A source file: where it is and what it says. */
interface Source {
  file: string;
  text: string;
}

function sourceFiles(dir: string, extensions = ['.ts']): Source[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(file, extensions);
    return extensions.some((ext) => entry.name.endsWith(ext)) ? [{ file, text: fs.readFileSync(file, 'utf8') }] : [];
  });
}

const isInside = (file: string, dir: string) => file.startsWith(dir + path.sep);
const relative = (file: string) => path.relative(path.dirname(SRC), file);

/** Each line of code, without comment-only lines (comments may name a query method). */
function codeLines(source: Source): Array<{ line: number; text: string }> {
  return source.text
    .split('\n')
    .map((text, i) => ({ line: i + 1, text }))
    .filter(({ text }) => !/^\s*(\/\/|\/\*|\*)/.test(text));
}

/** Query building outside src/db/, as "file:line: what". */
function queriesOutsideDb(sources: Source[]): string[] {
  const found: string[] = [];
  for (const source of sources) {
    const { file } = source;
    if (isInside(file, DB) || file === THIS_FILE) continue;
    for (const { line, text } of codeLines(source)) {
      for (const [what, pattern] of QUERY_PATTERNS) {
        if (pattern.test(text)) found.push(`${relative(file)}:${line}: ${what}  ${text.trim()}`);
      }
    }
  }
  return found;
}

/** Each relative import of a source: where it is, what it says, and the file it names. */
function relativeImports(source: Source): Array<{ line: number; specifier: string; target: string }> {
  const found = [];
  for (const { line, text } of codeLines(source)) {
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('.')) {
        found.push({ line, specifier, target: path.resolve(path.dirname(source.file), specifier) });
      }
    }
  }
  return found;
}

/** Imports of src/db/ from route files, as "file:line: specifier". */
function routeImportsOfDb(sources: Source[]): string[] {
  return sources
    .filter((s) => isInside(s.file, ROUTES))
    .flatMap((source) =>
      relativeImports(source)
        .filter(({ target }) => isInside(target, DB))
        .map(({ line, specifier }) => `${relative(source.file)}:${line}: imports ${specifier}`),
    );
}

/** Imports of src/ from the web app other than contracts and domain, as "file:line: specifier". */
function webImportsOfServerCode(sources: Source[]): string[] {
  return sources.flatMap((source) =>
    relativeImports(source)
      .filter(({ target }) => isInside(target, SRC) && !WEB_MAY_IMPORT.some((dir) => isInside(target, dir)))
      .map(({ line, specifier }) => `${relative(source.file)}:${line}: imports ${specifier}`),
  );
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('builds and runs queries only in src/db/', () => {
    expect(queriesOutsideDb(files), 'move these into a repository in src/db/repositories/').toEqual([]);
  });

  it('keeps routes away from the database (they call services)', () => {
    expect(routeImportsOfDb(files), 'call a service instead').toEqual([]);
  });

  it('lets the web app import only contracts and domain rules from src/', () => {
    const web = sourceFiles(WEB, ['.ts', '.tsx']);
    expect(web.length).toBeGreaterThan(10);
    expect(webImportsOfServerCode(web), 'use a contract type from src/contracts instead').toEqual([]);
  });

  it('would notice a query or a database import where they do not belong', () => {
    const service = {
      file: path.join(SRC, 'services', 'probe.ts'),
      text: [
        'await ctx.db.selectFrom("people").selectAll().execute();',
        'await ctx.db.transaction().execute(async (trx) => trx.deleteFrom("people").execute());',
        'await sql<number>`select 1`.execute(ctx.db);',
        '// a comment that mentions selectFrom( is fine',
      ].join('\n'),
    };
    const route = {
      file: path.join(ROUTES, 'probe.ts'),
      text: "import { listPersonRows } from '../../db/repositories/people.ts';\n",
    };
    const at = relative(service.file);
    expect(queriesOutsideDb([service]).map((f) => f.split('  ')[0])).toEqual([
      `${at}:1: selectFrom(`,
      `${at}:2: deleteFrom(`,
      `${at}:2: .transaction()`,
      `${at}:3: sql\`…\` template`,
      `${at}:3: .execute(db)`,
    ]);
    expect(routeImportsOfDb([route])).toEqual([`${relative(route.file)}:1: imports ../../db/repositories/people.ts`]);
    // The same code inside src/db/ is where it belongs.
    expect(queriesOutsideDb([{ ...service, file: path.join(DB, 'repositories', 'probe.ts') }])).toEqual([]);
    const page = {
      file: path.join(WEB, 'src', 'features', 'probe', 'probe.tsx'),
      text: [
        "import type { PersonOutput } from '../../../../src/contracts/index.ts';",
        "import { ENTRY_KINDS } from '../../../../src/domain/journal/journal.ts';",
        "import type { RoundOutput } from '../../../../src/presenters/rounds.ts';",
        "import { listRounds } from '../../../../src/services/rounds/rounds.ts';",
        "const db = await import('../../../../src/db/client.ts');",
        "import { api } from '../../api.ts';",
      ].join('\n'),
    };
    expect(webImportsOfServerCode([page])).toEqual([
      `${relative(page.file)}:3: imports ../../../../src/presenters/rounds.ts`,
      `${relative(page.file)}:4: imports ../../../../src/services/rounds/rounds.ts`,
      `${relative(page.file)}:5: imports ../../../../src/db/client.ts`,
    ]);
  });
});
