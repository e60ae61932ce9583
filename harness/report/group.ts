/**
 * Groups in order of first appearance: the runner's order (RFC, then section, then check) is
 * the order the catalog reads in, so reports keep it rather than sorting alphabetically, which
 * would put 4.10 before 4.2.
 */
export function groupInOrder<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
