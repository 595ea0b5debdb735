import type { Command } from 'commander';
import { type CliIo, collect, parsePairs, printJson, usageError, withServices } from '../io.ts';

// Services and heavy libraries load inside the actions, when a command runs: listing the commands
// (`leadway --help`) then costs only these definitions.
const services = () =>
  Promise.all([
    import('../../domain/framework/framework.ts'),
    import('../../services/assessments/self-assessments.ts'),
    import('../../services/framework/active-framework.ts'),
    import('../../services/people/people.ts'),
  ]);

interface AssessOptions {
  person?: string;
  level?: string[];
  comment?: string[];
  keep?: boolean;
  json?: boolean;
}

/** `leadway assess`: a self-assessment, a level (1–4) and a comment per area (asked for, or given with --level). */
export function registerAssessCommand(program: Command, io: CliIo): Command {
  return program
    .command('assess')
    .description('Assess yourself: a level (1–4) and a comment for each area; earlier assessments are kept')
    .option('--person <email>', 'whose assessment (default: the first profile)')
    .option('--level <area=1..4>', 'set an area’s level, e.g. --level ownership=2 (repeatable)', collect)
    .option(
      '--comment <area=text>',
      'comment on an area, e.g. --comment "ownership=Fixed the flaky suite" (repeatable)',
      collect,
    )
    .option('--keep', 'areas not given with --level keep their latest level and comment')
    .option('--json', 'print the saved assessment as JSON')
    .addHelpText(
      'after',
      '\nArea ids: stepping-up, ownership, relationships, technical-expertise, mentorship, project-management,\ncommunication, managing-up, conflict-and-crises, vision.\nWithout --level, on a terminal, it walks through every area and shows what each level looks like.',
    )
    .action(async (opts: AssessOptions) => {
      const [{ findArea }, { listSelfAssessments, submitSelfAssessment }, { getActiveFramework }, { resolvePerson }] =
        await services();
      const saved = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        const { framework } = await getActiveFramework(ctx);
        const comments = parsePairs(opts.comment ?? [], '--comment');
        let ratings: Array<{ areaId: string; level: number; comment: string }>;
        if (opts.level && opts.level.length > 0) {
          ratings = [...parsePairs(opts.level, '--level')].map(([areaId, value]) => {
            findArea(framework, areaId);
            const level = Number(value);
            if (!Number.isInteger(level) || level < 1 || level > 4) {
              throw usageError(`--level ${areaId}=${value}: levels run from 1 to 4.`);
            }
            return { areaId, level, comment: comments.get(areaId) ?? '' };
          });
          for (const areaId of comments.keys()) {
            if (!ratings.some((r) => r.areaId === areaId)) findArea(framework, areaId);
          }
        } else {
          if (!io.isInteractive) {
            throw usageError('No terminal to ask on. Pass --level AREA=1..4 for every area (or some, with --keep).');
          }
          const { input, select } = await import('@inquirer/prompts');
          const [latest] = await listSelfAssessments(ctx, person.id);
          const before = new Map((latest?.ratings ?? []).map((r) => [r.areaId, r]));
          ratings = [];
          for (const [index, area] of framework.areas.entries()) {
            io.stdout(`\n(${index + 1}/${framework.areas.length}) ${area.name}: ${area.description}\n`);
            const level = await select({
              message: `Your level in ${area.name}`,
              choices: area.levels.map((l) => ({
                value: l.level,
                name: `${l.level} — ${l.name}`,
                description: l.description,
              })),
              default: before.get(area.id)?.level ?? 1,
            });
            const comment = await input({
              message: 'Comment (what you see yourself doing; Enter to skip)',
              default: before.get(area.id)?.comment ?? '',
            });
            ratings.push({ areaId: area.id, level, comment });
          }
        }
        return submitSelfAssessment(ctx, person.id, { ratings, carryForward: Boolean(opts.keep) });
      });
      if (opts.json) return printJson(io, saved);
      io.stdout(`Saved your self-assessment of ${saved.createdAt.slice(0, 10)} (${saved.ratings.length} areas).\n`);
      io.stdout('See where you stand with `leadway summary`, and what to do next with `leadway next`.\n');
    });
}
