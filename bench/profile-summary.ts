/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `npm run bench:api -- --cpu-prof DIR`): the
 * functions with the most self time, and the packages/files the time is spent in.
 *
 *   tsx bench/profile-summary.ts FILE.cpuprofile [--top N]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('Usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top N]');
  process.exit(2);
}
const topIndex = process.argv.indexOf('--top');
const TOP = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 40;
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Self time per node from the samples and their time deltas (µs).
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const where = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] as string;
  if (url.includes('/dist/')) return `dist/${url.split('/dist/')[1]}`;
  if (url.includes('/src/')) return `src/${url.split('/src/')[1]}`;
  return url || '(native)';
};
const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  const f = where(url);
  fileSelf.set(f, (fileSelf.get(f) ?? 0) + us);
}
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
console.log('\nself time by function:');
for (const [k, us] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(us)}  ${k}`);
console.log('\nself time by package / file:');
for (const [k, us] of [...fileSelf].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(us)}  ${k}`);

// Inclusive time (self + callees) of the project's own functions: where a request's time goes.
const inclusive = new Map<number, number>();
const visit = (id: number): number => {
  const node = byId.get(id);
  let sum = selfUs.get(id) ?? 0;
  for (const child of node?.children ?? []) sum += visit(child);
  inclusive.set(id, sum);
  return sum;
};
visit(profile.nodes[0]?.id ?? 1);
const fnInclusive = new Map<string, number>();
for (const [id, us] of inclusive) {
  const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
  if (!url.includes('/src/') && !url.includes('/dist/')) continue;
  const key = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
  fnInclusive.set(key, (fnInclusive.get(key) ?? 0) + us);
}
console.log('\ninclusive time of project functions:');
for (const [k, us] of [...fnInclusive].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(us)}  ${k}`);
