import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.ts';
import { ENTRY_KINDS, VISIBILITIES } from '../../domain/journal/journal.ts';
import { type CliIo, collect, printJson, printTable, usageError, withServices } from '../io.ts';

// Services and heavy libraries load inside the actions, when a command runs: listing the commands
// (`leadway --help`) then costs only these definitions.
const services = () =>
  Promise.all([import('../../services/journal/journal.ts'), import('../../services/people/people.ts')]);

interface LogOptions {
  person?: string;
  area?: string[];
  kind?: string;
  date?: string;
  link?: string[];
  body?: string;
  goal?: string;
  action?: string;
  visibility?: string;
  json?: boolean;
}

/** `leadway log "…"`: quick capture of one piece of evidence. */
export function registerLogCommand(program: Command, io: CliIo): Command {
  return program
    .command('log')
    .description('Record a piece of evidence in your journal (private unless you say otherwise)')
    .argument('<title>', 'what you did, in one line')
    .option('-a, --area <area>', 'an area it shows (repeatable), e.g. --area mentorship', collect)
    .option('-k, --kind <kind>', `what kind of evidence: ${ENTRY_KINDS.join(', ')}`, 'other')
    .option('-d, --date <YYYY-MM-DD>', 'when it happened (default: today)')
    .option('-l, --link <url>', 'a link to the proof: PR, document, recording (repeatable)', collect)
    .option('-b, --body <markdown>', 'more detail, in Markdown')
    .option('-g, --goal <goalId>', 'the goal this serves')
    .option('--action <goalActionId>', 'the goal action this serves (its goal is filled in)')
    .option('--visibility <who>', `who may see it: ${VISIBILITIES.join(', ')}`, 'private')
    .option('--person <email>', 'whose journal (default: the first profile)')
    .option('--json', 'print the saved entry as JSON')
    .addHelpText(
      'after',
      '\nExample: leadway log "Walked Sam through the cache design" --area mentorship --kind mentoring\nArea ids: stepping-up, ownership, relationships, technical-expertise, mentorship, project-management,\ncommunication, managing-up, conflict-and-crises, vision (at least one --area is needed).',
    )
    .action(async (title: string, opts: LogOptions) => {
      if (!opts.area || opts.area.length === 0) {
        throw usageError('Say which area this shows with --area, e.g. --area mentorship (repeat for more).');
      }
      const [{ createEntry }, { resolvePerson }] = await services();
      const entry = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        return createEntry(ctx, person.id, {
          title,
          areas: opts.area ?? [],
          kind: opts.kind as never,
          visibility: opts.visibility as never,
          links: opts.link ?? [],
          ...(opts.body ? { body: opts.body } : {}),
          ...(opts.date ? { occurredOn: opts.date } : {}),
          ...(opts.goal ? { goalId: opts.goal } : {}),
          ...(opts.action ? { goalActionId: opts.action } : {}),
        });
      });
      if (opts.json) return printJson(io, entry);
      io.stdout(`Logged "${entry.title}" on ${entry.occurredOn} [${entry.areas.join(', ')}] (${entry.visibility}).\n`);
    });
}

interface ListOptions {
  person?: string;
  area?: string;
  kind?: string;
  from?: string;
  to?: string;
  goal?: string;
  search?: string;
  limit: string;
  json?: boolean;
}

/** `leadway journal list|import`. */
export function registerJournalCommand(program: Command, io: CliIo): Command {
  const journal = program.command('journal').description('Browse, search and import your evidence journal');
  journal
    .command('list')
    .description('List entries, newest first')
    .option('--area <area>', 'only entries tagged with this area')
    .option('--kind <kind>', `only this kind: ${ENTRY_KINDS.join(', ')}`)
    .option('--from <YYYY-MM-DD>', 'on or after this date')
    .option('--to <YYYY-MM-DD>', 'on or before this date')
    .option('--goal <goalId>', 'only entries linked to this goal')
    .option('-s, --search <words>', 'full-text search in titles and bodies')
    .option('-n, --limit <n>', 'how many (1–500)', '20')
    .option('--person <email>', 'whose journal (default: the first profile)')
    .option('--json', 'print as JSON')
    .action(async (opts: ListOptions) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw usageError('--limit takes a whole number from 1 to 500.');
      const [[{ listEntries }, { resolvePerson }], { entriesQuery }, { parseInput }] = await Promise.all([
        services(),
        import('../../contracts/journal.ts'),
        import('../../domain/errors.ts'),
      ]);
      // listEntries trusts its query (the API's route parses it): parse what was typed the same way.
      const query = parseInput(entriesQuery, {
        areaId: opts.area,
        kind: opts.kind,
        from: opts.from,
        to: opts.to,
        goalId: opts.goal,
        q: opts.search,
        limit,
        offset: 0,
      });
      const result = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        return listEntries(ctx, person.id, query);
      });
      if (opts.json) return printJson(io, result);
      if (result.total === 0) return io.stdout('No entries match.\n');
      printTable(
        io,
        ['Date', 'Title', 'Areas', 'Kind'],
        result.entries.map((e) => [e.occurredOn, e.title, e.areas.join(', '), e.kind]),
      );
      io.stdout(`${result.entries.length} of ${result.total} entries.\n`);
    });
  journal
    .command('edit')
    .description('Change an entry: title, date, details, areas, kind, links, who can see it, goal')
    .argument('<entryId>', 'the entry (ids are in `leadway journal list --json`)')
    .option('--title <title>', 'a new title')
    .option('-d, --date <YYYY-MM-DD>', 'when it happened')
    .option('-b, --body <markdown>', 'new details, in Markdown')
    .option('-a, --area <area>', 'replace the areas (repeatable)', collect)
    .option('-k, --kind <kind>', ENTRY_KINDS.join(', '))
    .option('-l, --link <url>', 'replace the links (repeatable)', collect)
    .option('--visibility <who>', VISIBILITIES.join(', '))
    .option('-g, --goal <goalId>', 'link to a goal ("none" to unlink)')
    .option('--json', 'print the entry as JSON')
    .action(async (entryId: string, opts: LogOptions & { title?: string }) => {
      const patch = {
        ...(opts.title ? { title: opts.title } : {}),
        ...(opts.date ? { occurredOn: opts.date } : {}),
        ...(opts.body !== undefined ? { body: opts.body } : {}),
        ...(opts.area ? { areas: opts.area } : {}),
        ...(opts.kind ? { kind: opts.kind as never } : {}),
        ...(opts.link ? { links: opts.link } : {}),
        ...(opts.visibility ? { visibility: opts.visibility as never } : {}),
        ...(opts.goal ? { goalId: opts.goal === 'none' ? null : opts.goal } : {}),
      };
      if (Object.keys(patch).length === 0)
        throw usageError('Say what to change, e.g. --visibility mentor or --title "…".');
      const [{ updateEntry }] = await services();
      const entry = await withServices(io, (ctx) => updateEntry(ctx, entryId, patch));
      if (opts.json) return printJson(io, entry);
      io.stdout(`Updated "${entry.title}" (${entry.occurredOn}, ${entry.visibility}).\n`);
    });
  journal
    .command('delete')
    .description('Delete an entry')
    .argument('<entryId>')
    .action(async (entryId: string) => {
      const [{ deleteEntry }] = await services();
      await withServices(io, (ctx) => deleteEntry(ctx, entryId));
      io.stdout('Deleted.\n');
    });
  journal
    .command('import')
    .description('Import entries from a CSV file or Markdown files (one entry per file, with front matter)')
    .argument('<files...>', 'a .csv file, or .md files')
    .option('--dry-run', 'check every row and report problems; import nothing')
    .option('--person <email>', 'whose journal (default: the first profile)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nCSV columns: date,title,body,areas,kind,links,visibility (areas and links separated by ";").\nMarkdown: front matter with date, title, areas (a list), kind, links, visibility; the body follows.\nNothing is imported while any row has a problem. Rows with the same date, title and areas as an\nentry already in the journal, or as an earlier row, are skipped as duplicates.',
    )
    .action(async (files: string[], opts: { dryRun?: boolean; person?: string; json?: boolean }) => {
      const kinds = new Set(
        files.map((f) => (/\.csv$/i.test(f) ? 'csv' : /\.(md|markdown)$/i.test(f) ? 'markdown' : 'other')),
      );
      if (kinds.has('other') || kinds.size > 1) {
        throw usageError('Give either one or more .csv files or .md files, not a mix (and nothing else).');
      }
      const format = kinds.has('csv') ? 'csv' : 'markdown';
      const contents = files.map((f) => {
        const file = path.resolve(io.cwd, f);
        try {
          return { name: f, content: fs.readFileSync(file, 'utf8') };
        } catch (error) {
          const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
          throw new AppError('invalid', 'CANNOT_READ', `Cannot read ${file}: ${reason}.`);
        }
      });
      const [{ importEntries }, { resolvePerson }] = await services();
      const result = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        return importEntries(ctx, person.id, { format, files: contents, dryRun: Boolean(opts.dryRun) });
      });
      if (opts.json) return printJson(io, result);
      for (const p of [...result.duplicates, ...result.problems].sort(
        (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
      ))
        io.stdout(`${p.file}:${p.line}: ${p.message}\n`);
      const skipped =
        result.duplicates.length === 0
          ? ''
          : ` ${result.duplicates.length} duplicate${result.duplicates.length === 1 ? '' : 's'} skipped.`;
      if (result.dryRun) {
        io.stdout(
          result.problems.length === 0
            ? result.duplicates.length === 0
              ? `Dry run: all ${result.valid} entries are valid. Run again without --dry-run to import them.\n`
              : `Dry run: ${result.valid} new ${result.valid === 1 ? 'entry is' : 'entries are'} valid.${skipped}${result.valid > 0 ? ' Run again without --dry-run to import the new ones.' : ''}\n`
            : `Dry run: ${result.valid} valid, ${result.problems.length} problem(s).${skipped} Nothing was imported.\n`,
        );
        if (result.problems.length > 0)
          throw new AppError('invalid', 'IMPORT_INVALID', 'Fix the problems above, then import again.');
        return;
      }
      io.stdout(`Imported ${result.imported} entries.${skipped}\n`);
    });
  return journal;
}
