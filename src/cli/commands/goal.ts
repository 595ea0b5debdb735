import type { Command } from 'commander';
import type { GoalOutput } from '../../contracts/goals.ts';
import { GOAL_STATUSES } from '../../domain/goals/progress.ts';
import { type CliIo, collect, printJson, printTable, usageError, withServices } from '../io.ts';

// Services and heavy libraries load inside the actions, when a command runs: listing the commands
// (`leadway --help`) then costs only these definitions.
const services = () =>
  Promise.all([import('../../services/goals/goals.ts'), import('../../services/people/people.ts')]);
// The goal services after creation trust their input (the API's routes parse it); the CLI parses
// what was typed with the same contracts, so a refusal names its option (see cli/usage-errors.ts).
const contracts = () => Promise.all([import('../../contracts/goals.ts'), import('../../domain/errors.ts')]);

function printGoal(io: CliIo, goal: GoalOutput) {
  const due = goal.dueOn ? `, due ${goal.dueOn}${goal.progress.isOverdue ? ' (OVERDUE)' : ''}` : '';
  io.stdout(`${goal.title}  [${goal.areaId}] ${goal.status}, ${goal.progress.percent}% done${due}\n  id: ${goal.id}\n`);
  for (const a of goal.actions) {
    io.stdout(
      `  ${a.doneOn ? '[x]' : '[ ]'} ${a.title}${a.dueOn ? ` (due ${a.dueOn})` : ''}${a.isOverdue ? ' OVERDUE' : ''}  id: ${a.id}\n`,
    );
  }
}

/** `leadway goal add|list|update|action|checkin`: the growth plan from the terminal. */
export function registerGoalCommand(program: Command, io: CliIo): Command {
  const goal = program.command('goal').description('Plan goals per area, with actions, due dates and check-ins');
  goal
    .command('add')
    .description('Create a goal')
    .requiredOption('--area <area>', 'the area it grows, e.g. ownership')
    .requiredOption('--title <title>', 'the goal, in one line')
    .option('--why <text>', 'why it matters to you')
    .option('--criteria <text>', 'how you will know it is done')
    .option('--due <YYYY-MM-DD>', 'due date')
    .option('--action <title>', 'an action (repeatable)', collect)
    .option('--suggested <actionId>', 'a suggested action from the framework (repeatable; see `leadway next`)', collect)
    .option('--person <email>', 'whose plan (default: the first profile)')
    .option('--json', 'print as JSON')
    .action(
      async (opts: {
        area: string;
        title: string;
        why?: string;
        criteria?: string;
        due?: string;
        action?: string[];
        suggested?: string[];
        person?: string;
        json?: boolean;
      }) => {
        const [{ createGoal }, { resolvePerson }] = await services();
        const created = await withServices(io, async (ctx) => {
          const person = await resolvePerson(ctx, opts.person);
          return createGoal(ctx, person.id, {
            areaId: opts.area,
            title: opts.title,
            ...(opts.why ? { why: opts.why } : {}),
            ...(opts.criteria ? { successCriteria: opts.criteria } : {}),
            ...(opts.due ? { dueOn: opts.due } : {}),
            actions: [
              ...(opts.suggested ?? []).map((id) => ({ frameworkActionId: id })),
              ...(opts.action ?? []).map((title) => ({ title })),
            ],
          });
        });
        if (opts.json) return printJson(io, created);
        io.stdout('Created:\n');
        printGoal(io, created);
      },
    );
  goal
    .command('list')
    .description('List goals with progress; overdue ones are marked')
    .option('--status <status>', `one of ${GOAL_STATUSES.join(', ')}, open, all`, 'open')
    .option('--area <area>', 'only this area')
    .option('--person <email>', 'whose plan (default: the first profile)')
    .option('--json', 'print as JSON')
    .action(async (opts: { status: string; area?: string; person?: string; json?: boolean }) => {
      if (![...GOAL_STATUSES, 'open', 'all'].includes(opts.status)) {
        throw usageError(`--status takes one of ${[...GOAL_STATUSES, 'open', 'all'].join(', ')}.`);
      }
      const [{ listGoals }, { resolvePerson }] = await services();
      const result = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        return listGoals(ctx, person.id, { status: opts.status, areaId: opts.area });
      });
      if (opts.json) return printJson(io, result);
      if (result.goals.length === 0)
        io.stdout('No goals yet. Create one with `leadway goal add --area … --title …`.\n');
      for (const g of result.goals) printGoal(io, g);
      const active = result.byArea.filter((a) => a.open + a.done > 0);
      if (active.length > 0) {
        io.stdout('\n');
        printTable(
          io,
          ['Area', 'Open', 'Done', 'Overdue', 'Progress'],
          active.map((a) => [a.name, a.open, a.done, a.overdue, a.percent === null ? '–' : `${a.percent}%`]),
        );
      }
    });
  goal
    .command('update')
    .description('Change a goal: status, due date, title')
    .argument('<goalId>')
    .option('--status <status>', GOAL_STATUSES.join(', '))
    .option('--due <YYYY-MM-DD>', 'new due date')
    .option('--title <title>', 'new title')
    .option('--json', 'print as JSON')
    .action(async (goalId: string, opts: { status?: string; due?: string; title?: string; json?: boolean }) => {
      if (opts.status && !(GOAL_STATUSES as readonly string[]).includes(opts.status)) {
        throw usageError(`--status takes one of ${GOAL_STATUSES.join(', ')}.`);
      }
      const [[{ updateGoal }], [{ updateGoalInput }, { parseInput }]] = await Promise.all([services(), contracts()]);
      const patch = parseInput(updateGoalInput, {
        ...(opts.status ? { status: opts.status } : {}),
        ...(opts.due ? { dueOn: opts.due } : {}),
        ...(opts.title ? { title: opts.title } : {}),
      });
      const updated = await withServices(io, (ctx) => updateGoal(ctx, goalId, patch));
      if (opts.json) return printJson(io, updated);
      printGoal(io, updated);
    });
  goal
    .command('action')
    .description('Add an action to a goal, or mark one done / not done')
    .argument('<goalId>')
    .option('--add <title>', 'add a written action')
    .option('--suggested <actionId>', 'add a suggested action from the framework')
    .option('--due <YYYY-MM-DD>', 'due date for the added action')
    .option('--done <actionId>', 'mark an action done')
    .option('--undo <actionId>', 'mark an action not done')
    .option('--json', 'print as JSON')
    .action(
      async (
        goalId: string,
        opts: { add?: string; suggested?: string; due?: string; done?: string; undo?: string; json?: boolean },
      ) => {
        const chosen = [opts.add ?? opts.suggested, opts.done, opts.undo].filter(Boolean);
        if (chosen.length !== 1) throw usageError('Use exactly one of --add/--suggested, --done or --undo.');
        const [[{ addGoalAction, updateGoalAction }], [{ goalActionInput }, { parseInput }]] = await Promise.all([
          services(),
          contracts(),
        ]);
        const added = parseInput(goalActionInput, {
          ...(opts.add ? { title: opts.add } : {}),
          ...(opts.suggested ? { frameworkActionId: opts.suggested } : {}),
          ...(opts.due ? { dueOn: opts.due } : {}),
        });
        const updated = await withServices(io, (ctx) => {
          if (opts.done) return updateGoalAction(ctx, goalId, opts.done, { done: true });
          if (opts.undo) return updateGoalAction(ctx, goalId, opts.undo, { done: false });
          return addGoalAction(ctx, goalId, added);
        });
        if (opts.json) return printJson(io, updated);
        printGoal(io, updated);
      },
    );
  goal
    .command('checkin')
    .description('Record a check-in on a goal')
    .argument('<goalId>')
    .requiredOption('--note <text>', 'where the goal stands')
    .requiredOption('--confidence <1-5>', 'how sure you are it will succeed, 1 (unlikely) to 5 (sure)')
    .option('--json', 'print as JSON')
    .action(async (goalId: string, opts: { note: string; confidence: string; json?: boolean }) => {
      const confidence = Number(opts.confidence);
      if (!Number.isInteger(confidence) || confidence < 1 || confidence > 5)
        throw usageError('--confidence takes a whole number from 1 to 5.');
      const [[{ addCheckin }], [{ checkinInput }, { parseInput }]] = await Promise.all([services(), contracts()]);
      const checkin = parseInput(checkinInput, { note: opts.note, confidence });
      const updated = await withServices(io, (ctx) => addCheckin(ctx, goalId, checkin));
      if (opts.json) return printJson(io, updated);
      io.stdout(`Check-in saved (confidence ${confidence}/5).\n`);
    });
  return goal;
}
