import type { Command } from 'commander';
import type { RecommendationOutput } from '../../contracts/index.ts';
import { type CliIo, collect, parsePairs, printJson, usageError, withServices } from '../io.ts';

interface PathOptions {
  person?: string;
  answer?: string[];
  track?: string;
  stage?: string;
  why?: string;
  json?: boolean;
}

const SCALE = [
  { value: 1, name: '1 — strongly disagree' },
  { value: 2, name: '2 — disagree' },
  { value: 3, name: '3 — neither' },
  { value: 4, name: '4 — agree' },
  { value: 5, name: '5 — strongly agree' },
];

/** `leadway path`: the reflection that recommends a track, and choosing one. */
export function registerPathCommand(program: Command, io: CliIo): Command {
  return program
    .command('path')
    .description('Choose your path: a short reflection recommends the manager or the senior IC track')
    .option('--person <email>', 'whose path (default: the first profile)')
    .option('--answer <question=1..5>', 'answer a question for scripting (repeat for every question)', collect)
    .option('--track <track>', 'the track you choose (default: the recommended one)')
    .option('--stage <stage>', 'your target stage on that track (default: its first)')
    .option('--why <text>', 'in your own words, why this path')
    .option('--json', 'print the saved reflection as JSON')
    .addHelpText(
      'after',
      '\nWithout --answer, on a terminal, it asks each question in turn. List the question ids with\n`leadway framework export` (reflection.questions).',
    )
    .action(async (opts: PathOptions) => {
      const [{ recommendTrack }, { getActiveFramework }, { recordReflection }, { resolvePerson }] = await Promise.all([
        import('../../domain/path/recommend-track.ts'),
        import('../../services/framework/active-framework.ts'),
        import('../../services/path/reflections.ts'),
        import('../../services/people/people.ts'),
      ]);
      const saved = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        const { framework } = await getActiveFramework(ctx);
        const questions = framework.reflection.questions;
        let answers: Record<string, number>;
        let track = opts.track;
        let stage = opts.stage;
        let why = opts.why;
        if (opts.answer && opts.answer.length > 0) {
          answers = {};
          for (const [id, value] of parsePairs(opts.answer, '--answer')) answers[id] = Number(value);
          if (!why) throw usageError('Say why in your own words with --why "…".');
        } else {
          if (!io.isInteractive) {
            throw usageError(
              `No terminal to ask on. Pass --answer QUESTION=1..5 for each of: ${questions.map((q) => q.id).join(', ')}, and --why "…".`,
            );
          }
          const { input, select } = await import('@inquirer/prompts');
          answers = {};
          io.stdout('How much do you agree with each statement?\n\n');
          for (const q of questions) {
            answers[q.id] = await select({ message: q.prompt, choices: SCALE, default: 3 });
          }
          const rec = recommendTrack(framework, answers);
          printRecommendation(io, rec, framework.tracks);
          track = await select({
            message: 'Which track do you choose?',
            choices: framework.tracks.map((t) => ({ value: t.id, name: t.name, description: t.description })),
            default: rec.recommendedTrack,
          });
          const chosen = framework.tracks.find((t) => t.id === track);
          stage = await select({
            message: 'Which stage are you aiming for?',
            choices: (chosen?.stages ?? []).map((s) => ({ value: s.id, name: s.name, description: s.description })),
          });
          why = await input({
            message: 'In your own words, why this path?',
            validate: (v) => (v.trim().length > 0 ? true : 'A sentence or two is enough.'),
          });
        }
        const reflection = await recordReflection(ctx, person.id, {
          answers,
          why: why ?? '',
          ...(track ? { chosenTrack: track } : {}),
          ...(stage ? { chosenStage: stage } : {}),
        });
        return { reflection, tracks: framework.tracks };
      });
      const { reflection, tracks } = saved;
      if (opts.json) return printJson(io, reflection);
      if (opts.answer) printRecommendation(io, reflection, tracks);
      const chosen = tracks.find((t) => t.id === reflection.chosenTrack);
      const stageName = chosen?.stages.find((s) => s.id === reflection.chosenStage)?.name ?? reflection.chosenStage;
      io.stdout(
        `Saved. Your path: ${chosen?.name ?? reflection.chosenTrack}, aiming for ${stageName}. Next: \`leadway assess\`.\n`,
      );
    });
}

function printRecommendation(io: CliIo, rec: RecommendationOutput, tracks: Array<{ id: string; name: string }>) {
  const name = tracks.find((t) => t.id === rec.recommendedTrack)?.name ?? rec.recommendedTrack;
  const how = { clear: 'clearly', leaning: 'leaning towards', balanced: 'narrowly (your answers are balanced)' }[
    rec.strength
  ];
  io.stdout(`\nRecommendation: ${name} — ${how}.\n`);
  for (const r of rec.reasons) io.stdout(`  + ${r.explanation}\n`);
  for (const r of rec.counterpoints) io.stdout(`  − ${r.explanation}\n`);
  io.stdout('\n');
}
