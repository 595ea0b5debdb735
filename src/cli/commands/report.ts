import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.ts';
import { type CliIo, usageError, withServices } from '../io.ts';

const FORMATS = ['md', 'html', 'pdf', 'json'] as const;

/** Writes text or bytes to a file, with a clear error when the file cannot be written. */
export function writeOutput(io: CliIo, out: string, data: string | Buffer): string {
  const file = path.resolve(io.cwd, out);
  try {
    fs.writeFileSync(file, data);
  } catch (error) {
    throw new AppError('invalid', 'CANNOT_WRITE', `Cannot write ${file}: ${(error as Error).message}`);
  }
  return file;
}

/** `leadway report`: the readiness report as Markdown, HTML, PDF or JSON. */
export function registerReportCommand(program: Command, io: CliIo): Command {
  return program
    .command('report')
    .description('Readiness report for your track: level vs target, evidence, goals and next actions per area')
    .option('--track <track>', 'another track than yours (manager, ic)')
    .option('--stage <stage>', 'another stage, e.g. staff')
    .option('-f, --format <format>', FORMATS.join(' | '), 'md')
    .option('-o, --out <file>', 'write to a file (needed for pdf on a terminal)')
    .option('--person <email>', 'whose report (default: the first profile)')
    .action(async (opts: { track?: string; stage?: string; format: string; out?: string; person?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format))
        throw usageError(`--format takes one of ${FORMATS.join(', ')}.`);
      if (opts.format === 'pdf' && !opts.out && io.isInteractive) {
        throw usageError('A PDF would garble your terminal: add --out report.pdf.');
      }
      const [{ resolvePerson }, { buildReadinessReport }, { reportToHtml, reportToMarkdown, reportToPdf }] =
        await Promise.all([
          import('../../services/people/people.ts'),
          import('../../services/report/readiness.ts'),
          import('../../services/report/render.ts'),
        ]);
      const report = await withServices(io, async (ctx) => {
        const person = await resolvePerson(ctx, opts.person);
        return buildReadinessReport(ctx, person.id, { track: opts.track, stage: opts.stage });
      });
      const data =
        opts.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : opts.format === 'html'
            ? reportToHtml(report)
            : opts.format === 'pdf'
              ? await reportToPdf(report)
              : reportToMarkdown(report);
      if (!opts.out) {
        if (typeof data === 'string') io.stdout(data);
        else process.stdout.write(data);
        return;
      }
      const file = writeOutput(io, opts.out, data);
      io.stdout(`Wrote the ${opts.format.toUpperCase()} readiness report to ${file}.\n`);
    });
}
