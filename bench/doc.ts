import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line describing this machine, for the benchmark record. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const HEADER = `# Benchmarks

Benchmarks are not part of \`npm test\`. Each compares against a baseline measured in the same
run, because these machines are noisy: read the ratios first, the milliseconds second.
`;

/**
 * Replaces (or appends) one benchmark's section of docs/benchmarks.md, so each benchmark keeps
 * its latest results without touching the others'.
 */
export function writeSection(name: string, markdown: string): string {
  const file = path.resolve('docs/benchmarks.md');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${block}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
  return file;
}
