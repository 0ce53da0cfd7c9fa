/**
 * Splits a sequence of blocks (in snake order, so that any run of consecutive blocks is one simple polygon) into
 * consecutive runs whose totals of some measure are as close to the target as possible: the least sum of squared
 * deviations, by dynamic programming. With `groupCount` the number of runs is fixed (桃园社区 has 7 grids);
 * otherwise the number that fits best is chosen.
 */
export function partitionIntoRuns(values: readonly number[], target: number, groupCount?: number): number[][] {
  const count = values.length;
  if (groupCount !== undefined && (groupCount < 1 || groupCount > count)) {
    throw new Error(`cannot make ${groupCount} grids from ${count} blocks`);
  }
  const prefix = [0];
  for (const value of values) prefix.push(prefix[prefix.length - 1] + value);
  const cost = (from: number, to: number) => (prefix[to] - prefix[from] - target) ** 2;

  const maximumGroups = groupCount ?? count;
  // best[k][i]: least cost of splitting the first i blocks into k runs.
  const best: number[][] = Array.from({ length: maximumGroups + 1 }, () => new Array(count + 1).fill(Infinity));
  const choice: number[][] = Array.from({ length: maximumGroups + 1 }, () => new Array(count + 1).fill(-1));
  best[0][0] = 0;
  for (let groups = 1; groups <= maximumGroups; groups++) {
    for (let end = groups; end <= count; end++) {
      for (let start = groups - 1; start < end; start++) {
        const candidate = best[groups - 1][start] + cost(start, end);
        if (candidate < best[groups][end]) {
          best[groups][end] = candidate;
          choice[groups][end] = start;
        }
      }
    }
  }
  let groups = maximumGroups;
  if (groupCount === undefined) {
    for (let candidate = 1; candidate <= maximumGroups; candidate++) if (best[candidate][count] < best[groups][count]) groups = candidate;
  }
  const runs: number[][] = [];
  let end = count;
  for (let remaining = groups; remaining > 0; remaining--) {
    const start = choice[remaining][end];
    runs.unshift(Array.from({ length: end - start }, (_, offset) => start + offset));
    end = start;
  }
  return runs;
}
