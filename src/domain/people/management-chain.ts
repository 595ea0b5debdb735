/**
 * Who reports to whom must stay a tree: nobody may end up above themself. These rules are pure;
 * `services/people/people.ts` applies them inside the transaction that changes a manager.
 */

/**
 * When making `managerId` the manager of `personId` would close a loop, the reporting chain that
 * already leads from `managerId` up to `personId` (both included, e.g. ["bo", "cy", "ann"]);
 * otherwise null. `managerOf` maps people to their current manager (absent or null: none).
 * Someone as their own manager is the shortest loop (["ann"]). A loop already in the data (never
 * written by Leadway) is walked once, not forever.
 */
export function managementCycle(
  personId: string,
  managerId: string,
  managerOf: ReadonlyMap<string, string | null>,
): string[] | null {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: string | null | undefined = managerId;
  while (current && !seen.has(current)) {
    chain.push(current);
    if (current === personId) return chain;
    seen.add(current);
    current = managerOf.get(current);
  }
  return null;
}

/**
 * Why a loop is refused, in the words of the people involved: `names` is the chain from the
 * would-be manager up to the person (as `managementCycle` returns it, names instead of ids).
 */
export function managementCycleMessage(names: readonly string[]): string {
  const manager = names[0] ?? 'This person';
  const person = names[names.length - 1] ?? 'them';
  if (names.length <= 1) return `${person} cannot be their own manager.`;
  const through = names.length > 2 ? ` (${names.join(' → ')})` : '';
  return `${manager} already reports to ${person}, directly or through others${through}, so ${person} cannot report to ${manager}.`;
}
