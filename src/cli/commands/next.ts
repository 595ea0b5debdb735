import type { Command } from 'commander';
import { type CliIo, printJson, usageError, withServices } from '../io.ts';

interface NextOptions {
  person?: string;
  json?: boolean;
  limit: string;
  done?: string;
  dismiss?: string;
  reopen?: string;
}

/** `leadway next`: the next actions for the largest gaps; marks one done, dismissed or open again. */
export function registerNextCommand(program: Command, io: CliIo): Command {
  return program
    .command('next')
    .description('Start today: the most useful next actions for your largest gaps')
    .option('--person <email>', 'whose actions (default: the first profile)')
    .option('-n, --limit <n>', 'how many actions to propose (1–20)', '3')
    .option('--done <actionId>', 'mark an action done')
    .option('--dismiss <actionId>', 'dismiss an action (it will not be proposed again)')
    .option('--reopen <actionId>', 'propose a done or dismissed action again')
    .option('--json', 'print as JSON')
    .action(async (opts: NextOptions) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 20)
        throw usageError('--limit takes a whole number from 1 to 20.');
      const changes = [
        ['done', opts.done],
        ['dismissed', opts.dismiss],
        ['open', opts.reopen],
      ].filter((c): c is ['done' | 'dismissed' | 'open', string] => Boolean(c[1]));
      if (changes.length > 1) throw usageError('Use only one of --done, --dismiss and --reopen at a time.');
      const [{ resolvePerson }, { getNextActions, setActionState }] = await Promise.all([
        import('../../services/people/people.ts'),
        import('../../services/progress/standing.ts'),
      ]);
      const result = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        const [change] = changes;
        const changed = change ? await setActionState(ctx, person.id, change[1], { state: change[0] }) : null;
        return { changed, next: await getNextActions(ctx, person.id, limit) };
      });
      if (opts.json) return printJson(io, result.changed ? result : result.next);
      if (result.changed) io.stdout(`Marked ${result.changed.actionId} as ${result.changed.state}.\n\n`);
      const { next } = result;
      if (next.needs === 'path') return io.stdout('Choose your path first: `leadway path`.\n');
      if (next.needs === 'assessment') return io.stdout('Assess yourself first: `leadway assess`.\n');
      if (next.actions.length === 0)
        return io.stdout('No actions left to propose: every suggestion is done or dismissed.\n');
      io.stdout('Start today:\n\n');
      next.actions.forEach((a, i) => {
        io.stdout(
          `${i + 1}. ${a.title}  [${a.areaName}]\n   ${a.description}\n   Why: ${a.reason}\n   id: ${a.id}\n\n`,
        );
      });
      io.stdout('Mark one with `leadway next --done <id>` or `leadway next --dismiss <id>`.\n');
    });
}
