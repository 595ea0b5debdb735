import type { Command } from 'commander';
import { type CliIo, printJson, withServices } from '../io.ts';

// Services and heavy libraries load inside the actions, when a command runs: listing the commands
// (`leadway --help`) then costs only these definitions.
const services = () =>
  Promise.all([import('../../services/people/emails.ts'), import('../../services/people/people.ts')]);

/** `leadway emails add|list|remove`: the addresses git identities are matched on. */
export function registerEmailsCommand(program: Command, io: CliIo): Command {
  const emails = program
    .command('emails')
    .description('Your extra email addresses, so commits made with any of them count as yours');
  const show = (list: { primary: string; extra: string[] }) => {
    io.stdout(`${list.primary} (primary)\n`);
    for (const e of list.extra) io.stdout(`${e}\n`);
  };
  for (const [name, description, fn] of [
    ['add', 'Add an email address', 'addEmail'],
    ['remove', 'Remove an extra email address', 'removeEmail'],
  ] as const) {
    emails
      .command(name)
      .description(description)
      .argument('<email>')
      .option('--person <email>', 'whose addresses (default: the first profile)')
      .option('--json', 'print as JSON')
      .action(async (email: string, opts: { person?: string; json?: boolean }) => {
        const [emailService, { resolvePerson }] = await services();
        const list = await withServices(io, async (ctx) =>
          emailService[fn](ctx, (await resolvePerson(ctx, opts.person)).id, email),
        );
        if (opts.json) return printJson(io, list);
        show(list);
      });
  }
  emails
    .command('list')
    .description('List your email addresses')
    .option('--person <email>', 'whose addresses (default: the first profile)')
    .option('--json', 'print as JSON')
    .action(async (opts: { person?: string; json?: boolean }) => {
      const [{ listEmails }, { resolvePerson }] = await services();
      const list = await withServices(io, async (ctx) => listEmails(ctx, (await resolvePerson(ctx, opts.person)).id));
      if (opts.json) return printJson(io, list);
      show(list);
    });
  return emails;
}
