import type { Command } from 'commander';
import { AppError, fieldsFromIssues } from '../../domain/errors.ts';
import { type CliIo, printJson, withServices } from '../io.ts';

/** `leadway init`: create the first profile from the command line. */
export function registerInitCommand(program: Command, io: CliIo): Command {
  return program
    .command('init')
    .description('Create your profile (the same as the web app’s first run)')
    .requiredOption('--name <name>', 'your name')
    .requiredOption('--email <email>', 'your email (git identities are matched on it later)')
    .requiredOption('--role <role>', 'what you do today, e.g. "Backend developer"')
    .option('--team <team>', 'your team')
    .option('--json', 'print the profile as JSON')
    .action(async (opts: { name: string; email: string; role: string; team?: string; json?: boolean }) => {
      const [{ createPersonInput }, { createPerson }] = await Promise.all([
        import('../../contracts/index.ts'),
        import('../../services/people/people.ts'),
      ]);
      const parsed = createPersonInput.safeParse({
        name: opts.name,
        email: opts.email,
        roleTitle: opts.role,
        team: opts.team,
      });
      if (!parsed.success) {
        throw new AppError(
          'invalid',
          'VALIDATION_FAILED',
          'The profile is not valid.',
          fieldsFromIssues(parsed.error.issues),
        );
      }
      const person = await withServices(io, (ctx) => createPerson(ctx, parsed.data));
      if (opts.json) return printJson(io, person);
      io.stdout(
        `Created the profile of ${person.name} <${person.email}>.\nNext: \`leadway path\` to choose your track, then \`leadway assess\`.\n`,
      );
    });
}
