import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { type CliIo, cliConfig, printJson, usageError, withServices } from '../io.ts';

const MAX_PEOPLE = 50_000;

/** `leadway demo --people N`: an empty database filled with a realistic organisation. */
export function registerDemoCommand(program: Command, io: CliIo): Command {
  return program
    .command('demo')
    .description(
      'Fill an EMPTY database with a demo organisation: teams, managers, mentors and a year of assessments, goals, journal entries, 360 rounds and git evidence; everyone signs in with their email and one password',
    )
    .requiredOption('--people <n>', `how many people, 1 to ${MAX_PEOPLE.toLocaleString('en')} (e.g. 200)`)
    .option('--seed <seed>', 'the same seed gives the same organisation', '1')
    .option('--password <password>', 'everyone’s password, at least 10 characters (default: a generated one, printed)')
    .option('--json', 'print { "people", "password", "admin", "manager", "member" } only')
    .addHelpText(
      'after',
      '\nExample:\n  leadway demo --people 200        # then `npm start` and sign in with the admin email and the printed password\n',
    )
    .action(async (opts: { people: string; seed: string; password?: string; json?: boolean }) => {
      const people = Number(opts.people);
      if (!/^\s*\d+\s*$/.test(opts.people) || !Number.isInteger(people) || people < 1 || people > MAX_PEOPLE) {
        throw usageError(
          `--people expects a whole number from 1 to ${MAX_PEOPLE.toLocaleString('en')}, got "${opts.people}".`,
        );
      }
      if (opts.seed.trim() === '' || opts.seed.length > 100) {
        throw usageError('--seed expects a word or number of 1 to 100 characters, e.g. --seed 7.');
      }
      if (opts.password !== undefined && (opts.password.length < 10 || opts.password.length > 200)) {
        throw usageError('--password must be 10 to 200 characters long (the rule for every account).');
      }
      const config = await cliConfig(io);
      const started = performance.now();
      const showProgress = io.isInteractive && !opts.json;
      const { seedDemo } = await import('../../services/demo/demo.ts');
      const result = await withServices(io, (ctx) =>
        seedDemo(
          ctx,
          { people, seed: opts.seed, ...(opts.password !== undefined ? { password: opts.password } : {}) },
          showProgress ? (done, total) => io.stderr(`\rWriting people's years: ${done}/${total}`) : undefined,
        ),
      );
      if (showProgress) io.stderr('\n');
      if (opts.json) {
        const { people: n, password, admin, manager, member } = result.summary;
        printJson(io, { people: n, password, admin, manager, member });
        return;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const { summary, names } = result;
      const lines = [
        `Created a demo organisation of ${summary.people.toLocaleString('en')} people in ${result.teams.toLocaleString('en')} teams (seed ${result.seed}) in ${seconds} s:`,
        `${(result.rows.journal_entries ?? 0).toLocaleString('en')} journal entries, ${(result.rows.assessments ?? 0).toLocaleString('en')} assessments, ${(result.rows.goals ?? 0).toLocaleString('en')} goals, ${(result.rows.assessment_rounds ?? 0).toLocaleString('en')} 360 rounds.`,
        '',
        `Run \`npm start\`, open http://127.0.0.1:${config.port} and sign in with password ${summary.password}`,
        `  admin    ${summary.admin}  ${names.admin}`,
      ];
      if (summary.manager) lines.push(`  manager  ${summary.manager}  ${names.manager}, ${names.reports} reports`);
      if (summary.member)
        lines.push(`  member   ${summary.member}  ${names.member}, shares entries and assessments with their manager`);
      lines.push('Everyone else (see the Team page) signs in with their email and the same password.');
      io.stdout(`${lines.join('\n')}\n`);
    });
}
