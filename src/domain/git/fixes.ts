/**
 * A line naming the commit it fixes: `Fixes:` (or `fixes:`, `FIXES:`) at the very start of a line,
 * optional spaces, then 7 to 40 hex digits not followed by another letter, digit or `_`; what
 * follows (` ("subject")`) is free. Values that are not commit ids (`#123`, issue URLs, "face
 * detection") do not match and count nowhere.
 */
const FIXES_LINE = /^(?:Fixes|fixes|FIXES):[ \t]*([0-9a-fA-F]{7,40})(?![0-9A-Za-z_])/gm;

/**
 * The commits a message says it fixes: every line after the subject (the message's first line)
 * that starts with `Fixes:` followed by a commit id, wherever it stands — in git's trailer block
 * or in a paragraph of its own above the sign-offs, as DPDK writes them. Distinct, lower-case, in
 * order.
 */
export function fixesTargets(message: string): string[] {
  const firstNewline = message.indexOf('\n');
  if (firstNewline < 0) return [];
  const targets: string[] = [];
  FIXES_LINE.lastIndex = firstNewline + 1;
  for (let match = FIXES_LINE.exec(message); match; match = FIXES_LINE.exec(message)) {
    const target = (match[1] as string).toLowerCase();
    if (!targets.includes(target)) targets.push(target);
  }
  return targets;
}
