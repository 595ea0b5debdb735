import type { Command } from 'commander';
import { type CliIo, printJson, printTable, withServices } from '../io.ts';

/** `leadway summary`: where a person stands per area against their target. */
export function registerSummaryCommand(program: Command, io: CliIo): Command {
  return program
    .command('summary')
    .description('Where you stand: your level in each area against your target')
    .option('--person <email>', 'whose summary (default: the first profile)')
    .option('--json', 'print as JSON')
    .action(async (opts: { person?: string; json?: boolean }) => {
      const [{ resolvePerson }, { getStanding }] = await Promise.all([
        import('../../services/people/people.ts'),
        import('../../services/progress/standing.ts'),
      ]);
      const standing = await withServices(io, async (ctx) =>
        getStanding(ctx, (await resolvePerson(ctx, opts.person)).id),
      );
      if (opts.json) return printJson(io, standing);
      const target = standing.track
        ? `${standing.track.name} — ${standing.stage?.name}`
        : 'no path chosen yet (run `leadway path`)';
      io.stdout(`${standing.person.name} · target: ${target}\n`);
      io.stdout(
        standing.assessedAt
          ? `Last self-assessment: ${standing.assessedAt.slice(0, 10)}\n`
          : 'No self-assessment yet: run `leadway assess`.\n',
      );
      const show = (n: number | null) => (n === null ? '–' : String(n));
      printTable(
        io,
        ['Area', 'Now', 'Before', 'Target', 'Gap'],
        standing.areas.map((a) => [a.name, show(a.current), show(a.previous), show(a.target), show(a.gap)]),
      );
    });
}
